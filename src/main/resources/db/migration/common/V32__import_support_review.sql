-- Why provider support, not the organisation, approves a valid import (rules/import-policy.drl); NULL: the
-- organisation's own reviewers do.
ALTER TABLE import_job ADD COLUMN support_review VARCHAR(500);
