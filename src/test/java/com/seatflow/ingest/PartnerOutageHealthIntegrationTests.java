package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;

/**
 * A partner's SFTP server that cannot be reached shows in the health support reads, but a load balancer asking
 * whether this node is alive and ready is told yes: the node and its database are fine.
 */
@SeatflowIntegrationTest
class PartnerOutageHealthIntegrationTests {

    private static final long INTEGRATION = 987_654L;

    @Autowired
    TestRestTemplate http;
    @Autowired
    SftpHealth sftpHealth;

    @AfterEach
    void forgetTheIntegration() {
        sftpHealth.forget(INTEGRATION);
    }

    @Test
    void anUnreachablePartnerServerLeavesTheNodeLiveAndReady() {
        sftpHealth.watch(new SftpIntegration(INTEGRATION, 1, "acme", "sftp.partner.example", 22, "seatflow",
                SftpAuthentication.PASSWORD, "secret", null, "/outbox", "programme", null, null, "support",
                Instant.now(), Instant.now()));
        sftpHealth.failed(INTEGRATION, new ConnectException("Connection refused"));

        var overall = http.withBasicAuth("support", "support-demo-pass").getForEntity("/actuator/health",
                JsonNode.class);
        var readiness = http.getForEntity("/actuator/health/readiness", JsonNode.class);
        var liveness = http.getForEntity("/actuator/health/liveness", JsonNode.class);

        assertThat(overall.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(overall.getBody().at("/components/sftp/components/integration-" + INTEGRATION + "/status").asText())
                .isEqualTo("DOWN");
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody().get("status").asText()).isEqualTo("UP");
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(liveness.getBody().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessIncludesTheDatabaseForSupport() {
        var readiness = http.withBasicAuth("support", "support-demo-pass").getForEntity("/actuator/health/readiness",
                JsonNode.class);

        assertThat(readiness.getBody().at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(readiness.getBody().at("/components/readinessState/status").asText()).isEqualTo("UP");
    }
}
