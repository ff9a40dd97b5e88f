-- The SFTP server's public host key an integration is pinned to (an OpenSSH line "<type> <base64>"); NULL means not
-- pinned: the connection then accepts any host key, as before this column existed.
ALTER TABLE sftp_integration ADD COLUMN host_key VARCHAR(10000);
