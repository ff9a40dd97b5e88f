-- The programmes a programme learner admin's upload may name (comma-separated codes, as at upload time);
-- NULL means unrestricted (learning managers, support, other channels).
ALTER TABLE import_job ADD COLUMN programme_scope VARCHAR(2000);

-- The SHA-256 of an invitation's shareable link, which the inviter passes on to the learner; the mailed link keeps
-- token_hash. The raw token is only ever returned once, to the inviter.
ALTER TABLE invitation ADD COLUMN share_token_hash VARCHAR(64);
CREATE UNIQUE INDEX invitation_share_token ON invitation (share_token_hash);
