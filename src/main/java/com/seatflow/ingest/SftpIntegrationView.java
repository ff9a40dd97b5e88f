package com.seatflow.ingest;

import java.time.Instant;

/**
 * An SFTP integration as the API shows it: which secret is set, never the secret itself; the pinned host key (public)
 * and its SHA256 fingerprint, both null when {@code hostKeyPinned} is false.
 */
public record SftpIntegrationView(long id, String org, String host, int port, String username,
        SftpAuthentication authentication, boolean passwordSet, boolean privateKeySet, boolean privateKeyEncrypted,
        boolean hostKeyPinned,
        String hostKey, String hostKeyFingerprint, String remoteFolder, String format, String group, String createdBy,
        Instant createdAt, Instant updatedAt, SftpPollStatus lastPoll) {

    static SftpIntegrationView of(SftpIntegration integration, SftpPollStatus lastPoll) {
        SftpHostKey hostKey = integration.pinnedHostKey();
        return new SftpIntegrationView(integration.id(), integration.orgCode(), integration.host(), integration.port(),
                integration.username(), integration.authentication(),
                integration.authentication() == SftpAuthentication.PASSWORD,
                integration.authentication() == SftpAuthentication.PRIVATE_KEY, integration.encryptedPassphrase() != null,
                hostKey != null,
                hostKey == null ? null : hostKey.line(), hostKey == null ? null : hostKey.fingerprint(),
                integration.remoteFolder(), integration.format(), integration.groupCode(), integration.createdBy(),
                integration.createdAt(), integration.updatedAt(), lastPoll);
    }
}
