-- An invitation can be mailed more than once (resend); each mail is one outbox row.
ALTER TABLE outbox_mail DROP CONSTRAINT outbox_once_per_invitation;
CREATE INDEX outbox_mail_invitation ON outbox_mail (invitation_id);
