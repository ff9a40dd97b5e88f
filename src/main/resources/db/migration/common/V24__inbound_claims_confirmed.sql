-- When the node that claimed an inbound message finished handling it. A claim never confirmed belongs to a node that
-- died half-way; once it is older than seatflow.inbound.stale-lock-after another poll may take the message over.
ALTER TABLE inbound_message_id ADD COLUMN confirmedAt TIMESTAMP;
-- claims made before this column existed are treated as finished, as they were before
UPDATE inbound_message_id SET confirmedAt = createdAt;
