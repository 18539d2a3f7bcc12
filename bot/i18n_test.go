package bot

import (
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestEveryTextInBothLanguages checks that each message file pair
// (x.ru.toml, x.en.toml) defines the same ids, so no user ever meets a
// message id or the other language by accident.
func TestEveryTextInBothLanguages(t *testing.T) {
	names, err := fs.Glob(localeFiles, "locales/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]bool{} // lang → ids
	for _, name := range names {
		parts := strings.Split(path.Base(name), ".")
		lang := parts[len(parts)-2]
		var m map[string]any
		data, _ := localeFiles.ReadFile(name)
		if err := toml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ids[lang] == nil {
			ids[lang] = map[string]bool{}
		}
		for id := range m {
			if ids[lang][id] {
				t.Errorf("%s: id %q defined twice", name, id)
			}
			ids[lang][id] = true
		}
	}
	for _, pair := range [][2]string{{"ru", "en"}, {"en", "ru"}} {
		var missing []string
		for id := range ids[pair[0]] {
			if !ids[pair[1]][id] {
				missing = append(missing, id)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("in %s but not in %s: %v", pair[0], pair[1], missing)
		}
	}
}

func TestRussianPlurals(t *testing.T) {
	texts, err := LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	if texts.T("ru", "no.such.id", nil) != "no.such.id" {
		t.Fatal("a missing id must show as itself")
	}
}
