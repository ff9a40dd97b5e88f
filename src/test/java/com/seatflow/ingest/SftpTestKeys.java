package com.seatflow.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;

/** A throw-away RSA key pair made for the tests, written as a client would hold it: plain, or under a passphrase. */
final class SftpTestKeys {

    static final String PASSPHRASE = "correct horse battery staple";
    private static final SftpTestKeys INSTANCE = new SftpTestKeys();

    final String plainPem;
    final String encryptedPem;
    /** The public key as an OpenSSH line ({@code ssh-rsa <base64>}), as a server's authorized_keys holds it. */
    final String publicKey;

    private SftpTestKeys() {
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.RSA, 2048);
            plainPem = written(out -> pair.writePrivateKey(out));
            encryptedPem = written(out -> pair.writePrivateKey(out, PASSPHRASE.getBytes(StandardCharsets.UTF_8)));
            String[] line = written(out -> pair.writePublicKey(out, "seatflow-test")).split(" ");
            publicKey = line[0] + " " + line[1];
            pair.dispose();
        } catch (JSchException e) {
            throw new IllegalStateException(e);
        }
    }

    static SftpTestKeys get() {
        return INSTANCE;
    }

    private interface Writing {
        void to(ByteArrayOutputStream out);
    }

    private static String written(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
