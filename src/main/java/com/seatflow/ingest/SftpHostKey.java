package com.seatflow.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * An SFTP server's public host key as OpenSSH writes it ({@code <type> <base64>}), validated: a known key type and a
 * base64 key blob that names the same type. Accepts a line as {@code ssh-keyscan} prints it, host name first.
 */
record SftpHostKey(String type, String base64) {

    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa");
    private static final int MAX_LENGTH = 10_000;

    /** Parses and checks {@code line}; the message of the exception names what is wrong. */
    static SftpHostKey parse(String line) {
        String value = line.strip();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("hostKey is longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = value.split("\\s+");
        int first = parts.length > 1 && !TYPES.contains(parts[0]) && TYPES.contains(parts[1]) ? 1 : 0;
        if (parts.length < first + 2 || !TYPES.contains(parts[first])) {
            throw new IllegalArgumentException("hostKey must be an OpenSSH public key line '<type> <base64>' "
                    + "(as ssh-keyscan prints it) with one of the key types " + TYPES.stream().sorted().toList());
        }
        String type = parts[first];
        String base64 = parts[first + 1];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hostKey: the key after '" + type + "' is not valid base64");
        }
        if (!type.equals(blobType(blob))) {
            throw new IllegalArgumentException("hostKey: the base64 key is not a " + type + " key");
        }
        return new SftpHostKey(type, base64);
    }

    /** The key type written at the start of an SSH public key blob, or null when the blob has none. */
    private static String blobType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    /** The stored form: {@code <type> <base64>}. */
    String line() {
        return type + " " + base64;
    }

    /** The fingerprint as {@code ssh-keygen -lf} and ssh show it: {@code SHA256:<unpadded base64>}. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A known_hosts line for the server: {@code host} on port 22, {@code [host]:port} otherwise. */
    byte[] knownHosts(String host, int port) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        return (name + " " + line() + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
