package com.seatflow.ingest;

/**
 * What an admin sends to create or change an SFTP integration. Exactly one of {@code password} and
 * {@code privateKey} (PEM or OpenSSH form) on creation; on a change both may be left out to keep the stored secret.
 * {@code privateKeyPassphrase} goes with an encrypted {@code privateKey}. {@code hostKey} (an OpenSSH public key line)
 * pins the server's host key; without it any host key is accepted.
 */
public record SftpIntegrationRequest(String host, Integer port, String username, String password, String privateKey,
        String privateKeyPassphrase, String remoteFolder, String format, String group, String hostKey) {

    /** Secrets never show up in logs or error messages, even when a request is printed. */
    @Override
    public String toString() {
        return "SftpIntegrationRequest[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", privateKey=" + (privateKey == null ? "none" : "***")
                + ", privateKeyPassphrase=" + (privateKeyPassphrase == null ? "none" : "***")
                + ", remoteFolder=" + remoteFolder + ", format=" + format + ", group=" + group + ", hostKey=" + hostKey + "]";
    }
}
