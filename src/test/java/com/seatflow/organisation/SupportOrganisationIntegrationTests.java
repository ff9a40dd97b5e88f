package com.seatflow.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/** Support opens organisations; nobody else can, and bad or taken codes change nothing. */
@SeatflowIntegrationTest
class SupportOrganisationIntegrationTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;
    @Autowired
    OrganisationManagement organisations;

    private TestRestTemplate support() {
        return http.withBasicAuth("support", "support-demo-pass");
    }

    @Test
    void supportOpensAnOrganisationWhoseOwnEndpointsThenWork() {
        String code = World.unique("north").toLowerCase();

        var created = support().postForEntity("/api/support/orgs", Map.of("code", code, "name", "North Campus"),
                JsonNode.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("code").asText()).isEqualTo(code);
        assertThat(organisations.require(code).name()).isEqualTo("North Campus");
        assertThat(support().getForEntity("/api/orgs/" + code + "/pools", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(support().getForEntity("/api/support/orgs", JsonNode.class).getBody().findValuesAsText("code"))
                .contains(code, "acme");
    }

    @Test
    void badOrTakenCodesAndOtherCallersAreRefusedAndChangeNothing() {
        Org org = world.org(1, 1);
        int before = organisations.all().size();

        var taken = support().postForEntity("/api/support/orgs", Map.of("code", "acme", "name", "Again"),
                JsonNode.class);
        var badCode = support().postForEntity("/api/support/orgs", Map.of("code", "Acme North!", "name", "X"),
                JsonNode.class);
        var roleWord = support().postForEntity("/api/support/orgs", Map.of("code", "a-programme-b", "name", "X"),
                JsonNode.class);
        var noName = support().postForEntity("/api/support/orgs", Map.of("code", "nameless"), JsonNode.class);
        var notSupport = http.withBasicAuth(org.adminUser(), org.adminPassword()).postForEntity("/api/support/orgs",
                Map.of("code", "mine", "name", "Mine"), JsonNode.class);

        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taken.getBody().get("detail").asText()).contains("already an organisation with code 'acme'");
        assertThat(badCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCode.getBody().get("detail").asText()).contains("lower-case letters and digits");
        assertThat(roleWord.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notSupport.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(organisations.all()).hasSize(before);
    }
}
