-- A bulk import's mails (up to a million at once) go after every other mail waiting: an alert to support, an
-- administrator's invitation or a reminder must not wait hours behind them. The pending index serves that order.
ALTER TABLE outbox_mail ADD COLUMN bulk BOOLEAN DEFAULT FALSE NOT NULL;
DROP INDEX outbox_mail_pending;
CREATE INDEX outbox_mail_pending ON outbox_mail (status, bulk, id);
