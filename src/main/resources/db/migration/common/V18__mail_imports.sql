-- The import mailbox (ingest): per organisation the SHA-256 of the secret tag in its import address. The tag itself
-- is shown once, when it is made, and never stored.
CREATE TABLE mail_import_address (
    org_id     BIGINT PRIMARY KEY REFERENCES organisation (id),
    tag_hash   VARCHAR(64)  NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Imports that arrived by mail, and whom to tell their outcome.
CREATE TABLE mail_import (
    import_id BIGINT PRIMARY KEY,
    org_code  VARCHAR(64)  NOT NULL,
    reply_to  VARCHAR(254) NOT NULL,
    subject   VARCHAR(300)
);

-- A mail may carry one attachment (the error report of a rejected import), stored with the mail.
ALTER TABLE outbox_mail ADD COLUMN attachment_name VARCHAR(255);
ALTER TABLE outbox_mail ADD COLUMN attachment_type VARCHAR(100);
ALTER TABLE outbox_mail ADD COLUMN attachment BYTEA;
