package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** AES-GCM encryption of the stored SFTP secrets. */
class SftpSecretsTests {

    static final String KEY = "qc6lWFHWrg9a/anY99Ux10BIqXhFTbFxHJMYsUHTvj0=";
    static final String OTHER_KEY = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void aSecretComesBackOnlyWithTheSameKeyAndOrganisation() {
        SftpSecrets secrets = new SftpSecrets(KEY);
        String stored = secrets.encrypt(7, "hunter2-password");

        assertThat(stored).doesNotContain("hunter2");
        assertThat(secrets.decrypt(7, stored)).isEqualTo("hunter2-password");
        assertThat(secrets.encrypt(7, "hunter2-password")).as("a fresh nonce every time").isNotEqualTo(stored);
        assertThatThrownBy(() -> secrets.decrypt(8, stored)).hasMessageContaining("Cannot decrypt")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> new SftpSecrets(OTHER_KEY).decrypt(7, stored))
                .hasMessageContaining("seatflow.sftp.secret-key");
    }

    @Test
    void aKeyThatIsNot256BitsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SftpSecrets("c2hvcnQ=")).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new SftpSecrets("not base64!")).hasMessageContaining("not base64");
    }
}
