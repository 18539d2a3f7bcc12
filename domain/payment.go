package domain

import (
	"strconv"
	"strings"
)

// PaymentText is a payment's history text: the amount paid, and when the
// payment changed the deal's amount, the amounts before and after
// ("8000000 10000000 8000000"), so the history shows "was 100 000".
func PaymentText(paid, before, after int64) string {
	text := strconv.FormatInt(paid, 10)
	if before > 0 && before != after {
		text += " " + strconv.FormatInt(before, 10) + " " + strconv.FormatInt(after, 10)
	}
	return text
}

// Payment is a payment's history entry read back.
type Payment struct {
	Paid int64
	// Before and After are the deal's amounts around the payment; both 0
	// when the payment left the amount as it was.
	Before, After int64
}

// ParsePaymentText reads a PaymentText; ok is false for anything else.
func ParsePaymentText(text string) (p Payment, ok bool) {
	fields := strings.Fields(text)
	nums := make([]int64, len(fields))
	for i, f := range fields {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return Payment{}, false
		}
		nums[i] = n
	}
	switch len(nums) {
	case 1:
		return Payment{Paid: nums[0]}, true
	case 3:
		return Payment{Paid: nums[0], Before: nums[1], After: nums[2]}, true
	}
	return Payment{}, false
}
