package com.seatflow.ingest;

import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;

/**
 * A private key checked the way the SFTP client (JSch) will read it when it signs in, so that a key it cannot use, an
 * encrypted key without its passphrase, or a wrong passphrase is refused when the integration is saved rather than at
 * every poll. Messages never quote the key.
 */
final class SftpPrivateKey {

    static final int MAX_LENGTH = 10_000;
    static final int MAX_PASSPHRASE = 1000;

    private SftpPrivateKey() {
    }

    /** Whether a passphrase was sent: an empty one counts as none. */
    static boolean given(String passphrase) {
        return passphrase != null && !passphrase.isEmpty();
    }

    /** The key as it is stored (stripped, one final line break); throws with the reason when it cannot be used. */
    static String checked(String text, String passphrase) {
        String key = text.strip();
        if (key.length() > MAX_LENGTH || !key.startsWith("-----BEGIN ") || !key.contains("PRIVATE KEY-----")) {
            throw new IllegalArgumentException("privateKey must be a private key in PEM or OpenSSH form "
                    + "(-----BEGIN ... PRIVATE KEY-----), at most " + MAX_LENGTH + " characters");
        }
        key += "\n";
        KeyPair pair;
        try {
            pair = KeyPair.load(new JSch(), key.getBytes(StandardCharsets.UTF_8), null);
        } catch (JSchException unreadable) {
            throw new IllegalArgumentException("privateKey cannot be read as a private key (RSA, ECDSA or Ed25519, "
                    + "in PEM or OpenSSH form)");
        }
        try {
            if (pair.isEncrypted()) {
                if (!given(passphrase)) {
                    throw new IllegalArgumentException("privateKey is encrypted: give its privateKeyPassphrase too");
                }
                if (passphrase.length() > MAX_PASSPHRASE || !pair.decrypt(passphrase)) {
                    throw new IllegalArgumentException("privateKeyPassphrase does not unlock privateKey");
                }
            } else if (given(passphrase)) {
                throw new IllegalArgumentException("privateKeyPassphrase was given, but privateKey is not encrypted");
            }
        } finally {
            pair.dispose();
        }
        return key;
    }
}
