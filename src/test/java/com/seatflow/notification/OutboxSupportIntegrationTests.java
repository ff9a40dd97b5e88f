package com.seatflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/** Support reads the outbox's counts and sends FAILED mails again; nobody else may. */
@SeatflowIntegrationTest
class OutboxSupportIntegrationTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;
    @Autowired
    JdbcClient jdbc;

    private TestRestTemplate support() {
        return http.withBasicAuth("support", "support-demo-pass");
    }

    private String status(long outboxId) {
        return jdbc.sql("SELECT status FROM outbox_mail WHERE id = ?").param(outboxId).query(String.class).single();
    }

    /** A group invitation whose mail was sent; answers the invitation's id. */
    private long invitedAndMailed(Org org) {
        var invited = http.withBasicAuth(org.adminUser(), org.adminPassword()).postForEntity(
                "/api/orgs/" + org.org().code() + "/groups/team/invitations",
                Map.of("email", World.unique("g") + "@example.org", "firstName", "Grace", "lastName", "Hopper"),
                JsonNode.class);
        assertThat(invited.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long invitationId = invited.getBody().get("invitationId").asLong();
        await().atMost(Duration.ofMinutes(2)).until(() -> world.count(
                "SELECT COUNT(*) FROM outbox_mail WHERE invitation_id = ? AND status = 'SENT'", invitationId) == 1);
        return invitationId;
    }

    private long failedMail(Long invitationId) {
        jdbc.sql("""
                INSERT INTO outbox_mail (template, recipient, invitation_id, subject, body, status, attempts,
                                         last_error, created_at)
                VALUES ('support-test', ?, ?, 'Hello', 'Body', 'FAILED', 5, 'Connection refused', CURRENT_TIMESTAMP)""")
                .params(World.unique("f") + "@example.org", invitationId).update();
        return jdbc.sql("SELECT MAX(id) FROM outbox_mail WHERE template = 'support-test'").query(Long.class).single();
    }

    @Test
    void supportSendsTheFailedMailsAgainAndAMailForAnInvitationNoLongerPendingIsSkipped() {
        Org org = world.org(1, 3);
        long invitationId = invitedAndMailed(org);
        assertThat(http.withBasicAuth(org.adminUser(), org.adminPassword()).postForEntity("/api/orgs/"
                + org.org().code() + "/groups/team/invitations/" + invitationId + "/cancel", null, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        long plainMail = failedMail(null);
        long invitationMail = failedMail(invitationId);
        int failed = world.count("SELECT COUNT(*) FROM outbox_mail WHERE status = 'FAILED'");

        var counts = support().getForEntity("/api/support/outbox", JsonNode.class);
        var retried = support().postForEntity("/api/support/outbox/retry-failed", null, JsonNode.class);

        assertThat(counts.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(counts.getBody().fieldNames()).toIterable()
                .containsExactly("PENDING", "SENT", "FAILED", "SKIPPED");
        assertThat(counts.getBody().get("FAILED").asInt()).isEqualTo(failed);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().get("retried").asInt()).isEqualTo(failed);
        await().atMost(Duration.ofMinutes(2)).until(() -> !"PENDING".equals(status(plainMail))
                && !"PENDING".equals(status(invitationMail)));
        assertThat(status(plainMail)).isEqualTo("SENT");
        assertThat(status(invitationMail)).isEqualTo("SKIPPED");
        assertThat(support().getForEntity("/api/support/outbox", JsonNode.class).getBody().get("FAILED").asInt())
                .isZero();
    }

    @Test
    void onlySupportMayReadOrRetryTheOutbox() {
        Org org = world.org(1, 1);
        long mail = failedMail(null);
        var asAdmin = http.withBasicAuth(org.adminUser(), org.adminPassword());

        assertThat(asAdmin.getForEntity("/api/support/outbox", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asAdmin.postForEntity("/api/support/outbox/retry-failed", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.postForEntity("/api/support/outbox/retry-failed", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(mail)).isEqualTo("FAILED");
        jdbc.sql("DELETE FROM outbox_mail WHERE id = ?").param(mail).update();
    }
}
