package storage

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"crmbot/domain"
)

// dbError maps a driver error to the domain's codes so no caller ever needs
// to know gorm: a missing row is ENOTFOUND "<entity>.not_found", a unique
// violation ECONFLICT "<entity>.duplicate", a foreign key or check violation
// EINVALID "<entity>.invalid_reference" / "<entity>.invalid". Anything else
// is classified (errors_class.go: unavailable, or the database's own
// conflict) or else wrapped with the operation and reads as an internal
// error.
func dbError(op, entity string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return notFound(entity)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return domain.Errorf(domain.ECONFLICT, "%s.duplicate", entity)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return domain.Errorf(domain.EINVALID, "%s.invalid_reference", entity)
	case errors.Is(err, gorm.ErrCheckConstraintViolated):
		return domain.Errorf(domain.EINVALID, "%s.invalid", entity)
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if c := classify(err); c != nil {
		return c
	}
	return fmt.Errorf("%s: %w", op, err)
}

// notFound is the ENOTFOUND error for an entity, e.g. "deal.not_found".
func notFound(entity string) error {
	return domain.Errorf(domain.ENOTFOUND, "%s.not_found", entity)
}

// affectedOne turns an UPDATE's result into an error: a statement that
// matched no row (another team's id, or none at all) is ENOTFOUND. Both
// PostgreSQL and SQLite count matched rows, not changed ones.
func affectedOne(op, entity string, res *gorm.DB) error {
	if res.Error != nil {
		return dbError(op, entity, res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound(entity)
	}
	return nil
}
