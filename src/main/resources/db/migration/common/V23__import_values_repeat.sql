-- Whether any email or learner id appears on more than one row of an import, found by validation. When none does,
-- every row is its learner's first and the commit skips the per-row probe that finds it. Imports validated before
-- this column existed are treated as if values repeat.
ALTER TABLE import_job ADD COLUMN values_repeat BOOLEAN DEFAULT TRUE NOT NULL;
