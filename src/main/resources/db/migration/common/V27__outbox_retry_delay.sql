-- When a PENDING mail may be tried next (NULL: at once). Each failure puts the mail off for longer, so that its few
-- attempts span an SMTP outage instead of running out within seconds.
ALTER TABLE outbox_mail ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
