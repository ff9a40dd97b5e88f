-- Lets the whole-file checks find repeated learner ids in index order, as import_row_email does for emails
-- (a streamed GROUP BY instead of a sort of the whole file; on H2, instead of holding it in memory).
CREATE INDEX import_row_learner ON import_row (import_id, external_learner_id);
