package com.seatflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.WebappSession;

/** The Camunda webapps as the people who open them see them. */
@SeatflowIntegrationTest
class WebappPagesIntegrationTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;

    @Test
    void anOrganisationAdminOpeningCockpitIsToldWhereTheirWorkIs() {
        Org org = world.org(1, 1);
        WebappSession session = WebappSession.signIn(http, org.adminUser(), org.adminPassword());

        var cockpit = session.load("/camunda/app/cockpit/default/");

        assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(cockpit.getBody()).contains("Not for your account").contains("href=\"/camunda/app/tasklist/\"")
                .doesNotContain("Whitelabel");
    }

    @Test
    void supportSeesTheDeployedProcessesInCockpit() {
        WebappSession session = WebappSession.signIn(http, "support", "support-demo-pass");

        var deployments = session.exchange(HttpMethod.GET, "/camunda/api/engine/engine/default/deployment/count", null,
                JsonNode.class);
        var definitions = session.exchange(HttpMethod.GET,
                "/camunda/api/engine/engine/default/process-definition/count?latestVersion=true", null, JsonNode.class);

        assertThat(definitions.getBody().get("count").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(deployments.getBody().get("count").asLong()).isPositive();
    }
}
