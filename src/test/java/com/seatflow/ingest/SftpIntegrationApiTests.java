package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/** The SFTP integration API: who may use it, what it checks, and that secrets go in but never come out. */
@SeatflowIntegrationTest
class SftpIntegrationApiTests {

    static final String PEM = SftpTestKeys.get().plainPem;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    World world;
    @Autowired
    SftpSecrets secrets;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    private String storedSecret(long id) {
        return jdbc.sql("SELECT secret FROM sftp_integration WHERE id = ?").param(id).query(String.class).single();
    }

    private static String path(Org org) {
        return "/api/orgs/" + org.org().code() + "/integrations/sftp";
    }

    private TestRestTemplate as(Org org) {
        return rest.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    /** An integration on a port nothing listens on: the route polls in vain, which is fine here. */
    private static Map<String, Object> request(String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("host", "localhost");
        body.put("port", 1);
        body.put("username", "partner");
        body.put("password", password);
        body.put("remoteFolder", "outbox/seatflow");
        body.put("format", "programme");
        return body;
    }

    private JsonNode create(Org org, Map<String, Object> body) throws Exception {
        ResponseEntity<String> created = as(org).postForEntity(path(org), body, String.class);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(created.getBody());
    }

    private void delete(Org org, long id) {
        as(org).delete(path(org) + "/" + id);
    }

    @Test
    void anAdminCreatesAnIntegrationWhosePasswordIsStoredEncryptedAndNeverReturned() throws Exception {
        Org org = world.org(10, 5);
        String password = World.unique("secret-");
        Map<String, Object> body = request(password);
        // as a form with an empty passphrase field sends it: the same as none
        body.put("privateKeyPassphrase", "");

        JsonNode created = create(org, body);
        long id = created.get("id").asLong();
        try {
            assertThat(created.get("passwordSet").asBoolean()).isTrue();
            assertThat(created.get("privateKeySet").asBoolean()).isFalse();
            assertThat(created.get("authentication").asText()).isEqualTo("PASSWORD");
            assertThat(created.get("remoteFolder").asText()).isEqualTo("outbox/seatflow");
            assertThat(created.get("createdBy").asText()).isEqualTo(org.adminUser());
            assertThat(created.toString()).doesNotContain(password);
            String listed = as(org).getForObject(path(org), String.class);
            String fetched = as(org).getForObject(path(org) + "/" + id, String.class);
            assertThat(listed).contains("\"id\":" + id).doesNotContain(password);
            assertThat(fetched).contains("\"passwordSet\":true").doesNotContain(password);

            String stored = storedSecret(id);
            assertThat(stored).doesNotContain(password);
            assertThat(secrets.decrypt(org.org().id(), stored)).isEqualTo(password);
        } finally {
            delete(org, id);
        }
    }

    @Test
    void aChangeWithoutSecretKeepsItAndAPrivateKeyReplacesThePassword() throws Exception {
        Org org = world.org(10, 5);
        long id = create(org, request("first-password")).get("id").asLong();
        try {
            Map<String, Object> moved = request(null);
            moved.put("remoteFolder", "elsewhere");
            ResponseEntity<String> kept = as(org).exchange(path(org) + "/" + id, HttpMethod.PUT, new HttpEntity<>(moved),
                    String.class);
            assertThat(kept.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(json.readTree(kept.getBody()).get("remoteFolder").asText()).isEqualTo("elsewhere");
            assertThat(json.readTree(kept.getBody()).get("passwordSet").asBoolean()).isTrue();
            assertThat(secrets.decrypt(org.org().id(),
                    storedSecret(id))).isEqualTo("first-password");
            Map<String, Object> elsewhere = request(null);
            elsewhere.put("host", "sftp.elsewhere.example");
            ResponseEntity<String> redirected = as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(elsewhere), String.class);
            assertThat(redirected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(redirected.getBody()).contains("needs the password or privateKey again");
            assertThat(json.readTree(as(org).getForEntity(path(org) + "/" + id, String.class).getBody()).get("host")
                    .asText()).isEqualTo("localhost");

            Map<String, Object> withKey = request(null);
            withKey.put("privateKey", PEM);
            JsonNode keyed = json.readTree(as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(withKey), String.class).getBody());
            assertThat(keyed.get("authentication").asText()).isEqualTo("PRIVATE_KEY");
            assertThat(keyed.get("privateKeySet").asBoolean()).isTrue();
            assertThat(keyed.get("passwordSet").asBoolean()).isFalse();
            assertThat(keyed.get("privateKeyEncrypted").asBoolean()).isFalse();
            assertThat(keyed.toString()).doesNotContain("PRIVATE KEY");
        } finally {
            delete(org, id);
        }
    }

    @Test
    void anEncryptedPrivateKeyIsTakenWithItsPassphraseWhichIsStoredEncryptedAndNeverReturned() throws Exception {
        Org org = world.org(10, 5);
        Map<String, Object> keyed = request(null);
        keyed.put("privateKey", SftpTestKeys.get().encryptedPem);
        keyed.put("privateKeyPassphrase", SftpTestKeys.PASSPHRASE);

        JsonNode created = create(org, keyed);
        long id = created.get("id").asLong();
        try {
            assertThat(created.get("authentication").asText()).isEqualTo("PRIVATE_KEY");
            assertThat(created.get("privateKeyEncrypted").asBoolean()).isTrue();
            assertThat(created.toString()).doesNotContain(SftpTestKeys.PASSPHRASE).doesNotContain("PRIVATE KEY");
            String stored = jdbc.sql("SELECT secret_passphrase FROM sftp_integration WHERE id = ?").param(id)
                    .query(String.class).single();
            assertThat(stored).doesNotContain(SftpTestKeys.PASSPHRASE);
            assertThat(secrets.decrypt(org.org().id(), stored)).isEqualTo(SftpTestKeys.PASSPHRASE);

            Map<String, Object> moved = request(null);
            moved.put("remoteFolder", "elsewhere");
            JsonNode kept = json.readTree(as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(moved), String.class).getBody());
            assertThat(kept.get("privateKeyEncrypted").asBoolean()).as("a change without secret keeps key and passphrase")
                    .isTrue();
        } finally {
            delete(org, id);
        }
    }

    /** An ed25519 public key and its fingerprint as {@code ssh-keygen -lf} prints it. */
    static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICIz9QR33x0rcooAZKT0ctjKknKDwzbZDM0AHy1JHNgf";
    static final String HOST_KEY_FINGERPRINT = "SHA256:0ck8JulopZ1bfioRSabTG9SN3GLn9MHhSCxeftCKxhk";

    @Test
    void aHostKeyAsSshKeyscanPrintsItIsStoredAndShownWithItsFingerprint() throws Exception {
        Org org = world.org(10, 5);
        Map<String, Object> pinned = request("pw");
        pinned.put("hostKey", "[sftp.partner.example]:2222 " + HOST_KEY + "\n");
        JsonNode created = create(org, pinned);
        long id = created.get("id").asLong();
        try {
            assertThat(created.get("hostKeyPinned").asBoolean()).isTrue();
            assertThat(created.get("hostKey").asText()).isEqualTo(HOST_KEY);
            assertThat(created.get("hostKeyFingerprint").asText()).isEqualTo(HOST_KEY_FINGERPRINT);
            assertThat(jdbc.sql("SELECT host_key FROM sftp_integration WHERE id = ?").param(id).query(String.class)
                    .single()).isEqualTo(HOST_KEY);

            JsonNode stillPinned = json.readTree(as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(request(null)), String.class).getBody());
            assertThat(stillPinned.get("hostKey").asText()).as("a change without hostKey keeps the pin")
                    .isEqualTo(HOST_KEY);

            Map<String, Object> unpin = request(null);
            unpin.put("hostKey", "");
            JsonNode unpinned = json.readTree(as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(unpin), String.class).getBody());
            assertThat(unpinned.get("hostKeyPinned").asBoolean()).isFalse();
            assertThat(unpinned.get("hostKey").isNull()).isTrue();
            assertThat(unpinned.get("hostKeyFingerprint").isNull()).isTrue();
        } finally {
            delete(org, id);
        }
    }

    @Test
    void aMalformedHostKeyIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        Org org = world.org(10, 5);
        String keyBlob = HOST_KEY.substring("ssh-ed25519 ".length());
        assertRefused(org, withHostKey("ssh-dss " + keyBlob), "key types");
        assertRefused(org, withHostKey("ssh-ed25519"), "key types");
        assertRefused(org, withHostKey("ssh-ed25519 not*base64!"), "not valid base64");
        assertRefused(org, withHostKey("ssh-rsa " + keyBlob), "is not a ssh-rsa key");
        assertRefused(org, withHostKey("ssh-ed25519 AAAA"), "is not a ssh-ed25519 key");
        assertThat(world.count("SELECT COUNT(*) FROM sftp_integration WHERE org_id = ?", org.org().id())).isZero();

        long id = create(org, withHostKey(HOST_KEY)).get("id").asLong();
        try {
            ResponseEntity<String> refused = as(org).exchange(path(org) + "/" + id, HttpMethod.PUT,
                    new HttpEntity<>(withHostKey("ecdsa-sha2-nistp256 " + keyBlob)), String.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).contains("is not a ecdsa-sha2-nistp256 key");
            assertThat(jdbc.sql("SELECT host_key FROM sftp_integration WHERE id = ?").param(id).query(String.class)
                    .single()).isEqualTo(HOST_KEY);
        } finally {
            delete(org, id);
        }
    }

    private static Map<String, Object> withHostKey(String hostKey) {
        Map<String, Object> body = request("pw");
        body.put("hostKey", hostKey);
        return body;
    }

    @Test
    void invalidRequestsAreRefusedWithTheReasonAndStoreNothing() {
        Org org = world.org(10, 5);
        Map<String, Object> both = request("pw");
        both.put("privateKey", PEM);
        Map<String, Object> neither = request(null);
        Map<String, Object> groupless = request("pw");
        groupless.put("format", "group");
        Map<String, Object> unknownGroup = request("pw");
        unknownGroup.put("format", "group");
        unknownGroup.put("group", "nope");
        Map<String, Object> escaping = request("pw");
        escaping.put("remoteFolder", "in/../../etc");
        Map<String, Object> badHost = request("pw");
        badHost.put("host", "evil.example?password=x");
        Map<String, Object> notPem = request(null);
        notPem.put("privateKey", "ssh-rsa AAAA");
        Map<String, Object> garbled = request(null);
        garbled.put("privateKey", "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----");
        Map<String, Object> noPassphrase = request(null);
        noPassphrase.put("privateKey", SftpTestKeys.get().encryptedPem);
        Map<String, Object> wrongPassphrase = new HashMap<>(noPassphrase);
        wrongPassphrase.put("privateKeyPassphrase", "not it");
        Map<String, Object> needlessPassphrase = request(null);
        needlessPassphrase.put("privateKey", PEM);
        needlessPassphrase.put("privateKeyPassphrase", "something");
        Map<String, Object> passphraseAlone = request("pw");
        passphraseAlone.put("privateKeyPassphrase", "something");

        assertRefused(org, both, "not both");
        assertRefused(org, neither, "not neither");
        assertRefused(org, groupless, "needs a group");
        assertRefused(org, unknownGroup, "has no group 'nope'");
        assertRefused(org, escaping, "without '..'");
        assertRefused(org, badHost, "is not a host name");
        assertRefused(org, notPem, "PEM");
        assertRefused(org, garbled, "cannot be read as a private key");
        assertRefused(org, noPassphrase, "privateKey is encrypted: give its privateKeyPassphrase too");
        assertRefused(org, wrongPassphrase, "privateKeyPassphrase does not unlock privateKey");
        assertRefused(org, needlessPassphrase, "privateKey is not encrypted");
        assertRefused(org, passphraseAlone, "privateKeyPassphrase goes with a privateKey");
        assertThat(world.count("SELECT COUNT(*) FROM sftp_integration WHERE org_id = ?", org.org().id())).isZero();
    }

    private void assertRefused(Org org, Map<String, Object> body, String reason) {
        ResponseEntity<String> response = as(org).postForEntity(path(org), body, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(reason);
    }

    /** The same create sent twice (a double click) makes one integration, not two polling the same files. */
    @Test
    void aSecondIntegrationForTheSameAccountAndFolderIsRefused() throws Exception {
        Org org = world.org(10, 5);
        long id = create(org, request("pw")).get("id").asLong();
        try {
            Map<String, Object> elsewhere = request("pw");
            elsewhere.put("remoteFolder", "outbox/other");
            long second = create(org, elsewhere).get("id").asLong();
            Map<String, Object> sameAgain = request("pw");
            sameAgain.put("host", "LOCALHOST");
            sameAgain.put("remoteFolder", "outbox/seatflow/");

            ResponseEntity<String> again = as(org).postForEntity(path(org), sameAgain, String.class);
            ResponseEntity<String> movedOnto = as(org).exchange(path(org) + "/" + second, HttpMethod.PUT,
                    new HttpEntity<>(request(null)), String.class);

            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(json.readTree(again.getBody()).get("detail").asText()).isEqualTo("Organisation "
                    + org.org().code() + " already has SFTP integration " + id + " for partner@localhost:1 folder "
                    + "'outbox/seatflow'; change that one (PUT /api/orgs/" + org.org().code()
                    + "/integrations/sftp/" + id + ") instead");
            assertThat(movedOnto.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(world.count("SELECT COUNT(*) FROM sftp_integration WHERE org_id = ?", org.org().id()))
                    .isEqualTo(2);
            assertThat(json.readTree(as(org).getForEntity(path(org) + "/" + second, String.class).getBody())
                    .get("remoteFolder").asText()).isEqualTo("outbox/other");
            delete(org, second);
        } finally {
            delete(org, id);
        }
    }

    @Test
    void onlyTheOrganisationsAdminsAndSupportMayManageItsIntegrations() throws Exception {
        Org org = world.org(10, 5);
        Org other = world.org(10, 5);
        long id = create(org, request("pw")).get("id").asLong();
        try {
            assertThat(rest.getForEntity(path(org), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(as(other).getForEntity(path(org), String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(other).exchange(path(org) + "/" + id, HttpMethod.DELETE, null, String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(as(other).getForEntity(path(other) + "/" + id, String.class).getStatusCode())
                    .as("another organisation's integration is not found through one's own").isEqualTo(HttpStatus.NOT_FOUND);
            ResponseEntity<String> bySupport = rest.withBasicAuth("support", "support-demo-pass")
                    .getForEntity(path(org), String.class);
            assertThat(bySupport.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(bySupport.getBody()).contains("\"id\":" + id);
        } finally {
            delete(org, id);
        }
        assertThat(as(org).getForEntity(path(org) + "/" + id, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
