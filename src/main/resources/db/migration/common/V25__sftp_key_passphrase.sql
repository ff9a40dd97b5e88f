-- The passphrase of an encrypted private key, AES-GCM encrypted like the key itself (seatflow.sftp.secret-key);
-- null for passwords and for unencrypted keys.
ALTER TABLE sftp_integration ADD COLUMN secret_passphrase VARCHAR(4000);
