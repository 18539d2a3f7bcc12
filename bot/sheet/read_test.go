package sheet

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestReadCSVDetectsBOMEncodingAndDelimiter(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		enc        string
		delim      rune
		want       [][]string
	}{
		{"utf8 bom comma", "\xEF\xBB\xBFИмя,Телефон\nАнна,+7 999\n", EncodingUTF8, ',', [][]string{{"Имя", "Телефон"}, {"Анна", "+7 999"}}},
		{"quoted semicolons", "\"a;b\",c,d\n1,2,3\n", EncodingUTF8, ',', [][]string{{"a;b", "c", "d"}, {"1", "2", "3"}}},
		{"cp1251 semicolon", "\xc8\xec\xff;Email\n\xc0\xed\xed\xe0;a@b.c\n", EncodingCP1251, ';', [][]string{{"Имя", "Email"}, {"Анна", "a@b.c"}}},
		{"formula stays text", "Name;Company\nBob;=1+2\n", EncodingUTF8, ';', [][]string{{"Name", "Company"}, {"Bob", "=1+2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.csv")
			if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			var got [][]string
			info, err := ReadFile(path, false, func(_ int, cells []string) error {
				got = append(got, slices.Clone(cells))
				return nil
			})
			if err != nil || info.Encoding != tc.enc || info.Delimiter != tc.delim {
				t.Fatalf("info %+v, err %v; want %s %q", info, err, tc.enc, tc.delim)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("rows %q, want %q", got, tc.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tc.want[i]) {
					t.Errorf("row %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}
