package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/** {@code /api/orgs/{org}/mail-import-address}: made, shown once, replaced, revoked, and only by the org's admins. */
@SeatflowIntegrationTest
class MailImportAddressApiIntegrationTests {

    static final String PATH = "/api/orgs/{org}/mail-import-address";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    World world;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Identities identities;
    @Autowired
    MailImportAddresses addresses;

    private TestRestTemplate as(Org org) {
        return rest.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    private static String tagOf(Org org, String address) {
        Matcher matcher = Pattern.compile("^imports\\+" + org.org().code() + "\\.([0-9a-f]{32})@seatflow\\.test$")
                .matcher(address);
        assertThat(matcher.matches()).as("address %s", address).isTrue();
        return matcher.group(1);
    }

    private String storedHash(Org org) {
        return jdbc.sql("SELECT tag_hash FROM mail_import_address WHERE org_id = ?").param(org.org().id())
                .query(String.class).single();
    }

    @Test
    void anAdminGetsTheFullAddressOnceAndOnlyItsHashIsStored() {
        Org org = world.org(1, 1);

        ResponseEntity<JsonNode> made = as(org).postForEntity(PATH, null, JsonNode.class, org.org().code());

        assertThat(made.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String address = made.getBody().path("address").asText();
        String tag = tagOf(org, address);
        assertThat(storedHash(org)).isEqualTo(DigestUtils.sha256Hex(tag)).doesNotContain(tag);
        JsonNode shown = as(org).getForObject(PATH, JsonNode.class, org.org().code());
        assertThat(shown.path("createdBy").asText()).isEqualTo(org.adminUser());
        assertThat(shown.path("maskedAddress").asText()).isEqualTo("imports+" + org.org().code() + ".…@seatflow.test");
        assertThat(shown.toString()).doesNotContain(tag);
        assertThat(addresses.owner(new MailImportAddress(org.org().code(), tag))).isPresent();
    }

    @Test
    void makingANewAddressStopsTheOldOneFromWorking() {
        Org org = world.org(1, 1);
        String first = tagOf(org, as(org).postForObject(PATH, null, JsonNode.class, org.org().code())
                .path("address").asText());

        String second = tagOf(org, as(org).postForObject(PATH, null, JsonNode.class, org.org().code())
                .path("address").asText());

        assertThat(second).isNotEqualTo(first);
        assertThat(addresses.owner(new MailImportAddress(org.org().code(), first))).isEmpty();
        assertThat(addresses.owner(new MailImportAddress(org.org().code(), second))).isPresent();
    }

    @Test
    void aTagOnlyWorksForItsOwnOrganisation() {
        Org org = world.org(1, 1);
        Org other = world.org(1, 1);
        String tag = tagOf(org, addresses.renew(org.org().code(), org.adminUser()));
        addresses.renew(other.org().code(), other.adminUser());

        assertThat(addresses.owner(new MailImportAddress(other.org().code(), tag))).isEmpty();
    }

    @Test
    void aRevokedAddressStopsWorkingAndIsGone() {
        Org org = world.org(1, 1);
        String tag = tagOf(org, addresses.renew(org.org().code(), org.adminUser()));

        ResponseEntity<Void> revoked = as(org).exchange(PATH, HttpMethod.DELETE, null, Void.class, org.org().code());

        assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(addresses.owner(new MailImportAddress(org.org().code(), tag))).isEmpty();
        assertThat(as(org).getForEntity(PATH, JsonNode.class, org.org().code()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void adminsOfAnotherOrganisationAndLearningManagersMayNotMakeOne() {
        Org org = world.org(1, 1);
        Org other = world.org(1, 1);
        String manager = World.unique("lm");
        identities.createUser(manager, "Lea", "Manager", manager + "@example.org", "manager-pass-1");
        identities.addToGroup(manager, OrgRoles.learningManagers(org.org().code()), "Learning managers");

        ResponseEntity<JsonNode> byOther = as(other).postForEntity(PATH, null, JsonNode.class, org.org().code());
        ResponseEntity<JsonNode> byManager = rest.withBasicAuth(manager, "manager-pass-1")
                .postForEntity(PATH, null, JsonNode.class, org.org().code());

        assertThat(byOther.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byManager.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM mail_import_address WHERE org_id = ?", org.org().id())).isZero();
    }
}
