-- The lease of an import's running validation or commit job: the node running it (a new id each time a node starts)
-- and when it last said it is still at work. Another node takes the import over only once the heartbeat is older
-- than seatflow.imports.stale-run-after. Imports left running before these columns existed have no heartbeat: their
-- updated_at stands in for it.
ALTER TABLE import_job ADD COLUMN run_owner VARCHAR(200);
ALTER TABLE import_job ADD COLUMN run_heartbeat_at TIMESTAMP WITH TIME ZONE;
