package com.seatflow.ingest;

import java.time.Instant;

/**
 * One SFTP server an organisation's files are fetched from, as stored (the secret, and the passphrase of an encrypted
 * private key, still encrypted).
 */
record SftpIntegration(long id, long orgId, String orgCode, String host, int port, String username,
        SftpAuthentication authentication, String encryptedSecret, String encryptedPassphrase, String remoteFolder, String format,
        String groupCode, String hostKey, String createdBy, Instant createdAt, Instant updatedAt) {

    /** The pinned host key, or null when any host key is accepted. */
    SftpHostKey pinnedHostKey() {
        return hostKey == null ? null : SftpHostKey.parse(hostKey);
    }

    /** Where on the server, for logs and health: never includes the secret. */
    String location() {
        return "sftp://" + username + "@" + host + ":" + port + "/" + remoteFolder;
    }
}
