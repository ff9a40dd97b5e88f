package com.seatflow.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the SFTP passwords and private keys with AES-256-GCM under {@code seatflow.sftp.secret-key} (32 bytes,
 * base64). They must stay recoverable (Seatflow presents them to someone else's server), so they cannot be hashed;
 * encryption keeps a database dump or backup from giving them away. Each value gets a fresh 96-bit nonce and is bound
 * to its organisation (associated data), so a stored secret cannot be copied to another organisation's integration.
 */
@Component
class SftpSecrets {

    private static final Logger log = LoggerFactory.getLogger(SftpSecrets.class);

    /** Known to everyone who reads the source: fine for a laptop, never for real servers (a WARN says so). */
    static final String DEV_KEY = "c2VhdGZsb3ctZGV2LW9ubHktc2Z0cC1zZWNyZXRrZXk=";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SftpSecrets(@Value("${seatflow.sftp.secret-key:" + DEV_KEY + "}") String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seatflow.sftp.secret-key is not base64; generate one with "
                    + "'openssl rand -base64 32'");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("seatflow.sftp.secret-key must be 32 bytes (base64), not " + bytes.length
                    + "; generate one with 'openssl rand -base64 32'");
        }
        if (DEV_KEY.equals(base64Key.strip())) {
            log.warn("seatflow.sftp.secret-key is not set: SFTP passwords and keys are encrypted with the public "
                    + "development key. Set it (openssl rand -base64 32) before storing real credentials.");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String encrypt(long orgId, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(orgId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt an SFTP secret", e);
        }
    }

    String decrypt(long orgId, String stored) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(orgId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message never includes the secret; a wrong key is the usual cause
            throw new IllegalStateException("Cannot decrypt a stored SFTP secret: was seatflow.sftp.secret-key "
                    + "changed since it was stored? Enter the password or key again.");
        }
    }

    private static byte[] associatedData(long orgId) {
        return ("seatflow-sftp:" + orgId).getBytes(StandardCharsets.UTF_8);
    }
}
