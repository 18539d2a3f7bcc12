package storage

// nullID stores an optional reference: 0 means none and becomes NULL, so a
// foreign key can still hold.
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// idOf reads an optional reference back: NULL is 0.
func idOf(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// copyID copies an optional id so a row and a domain value never share it.
func copyID(id *int64) *int64 {
	if id == nil {
		return nil
	}
	v := *id
	return &v
}
