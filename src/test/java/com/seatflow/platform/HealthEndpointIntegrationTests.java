package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/** Actuator health: open to everyone as UP or DOWN, with the details (the database, …) for support only. */
@SeatflowIntegrationTest
class HealthEndpointIntegrationTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;

    @Test
    void anAnonymousCallerSeesOnlyTheOverallStatus() {
        var response = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("status").asText()).isEqualTo("UP");
        assertThat(response.getBody().has("components")).isFalse();
        assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void supportSeesTheDatabaseAndEveryOtherIndicator() {
        var response = http.withBasicAuth("support", "support-demo-pass").getForEntity("/actuator/health",
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode db = response.getBody().get("components").get("db");
        assertThat(db.get("status").asText()).isEqualTo("UP");
        assertThat(db.get("details").get("database").asText()).isNotBlank();
    }

    @Test
    void anOrganisationAdminSeesNoDetails() {
        Org org = world.org(1, 1);

        var response = http.withBasicAuth(org.adminUser(), org.adminPassword()).getForEntity("/actuator/health",
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().has("components")).isFalse();
    }
}
