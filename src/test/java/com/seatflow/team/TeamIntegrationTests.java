package com.seatflow.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.invitation.InvitationAnswering;
import com.seatflow.invitation.InvitationManagement;
import com.seatflow.notification.MailSettings;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.Person;

/** The team API's guards, the invitation page's edges, link tokens, and the own-profile endpoint. */
@SeatflowIntegrationTest
class TeamIntegrationTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    Identities identities;
    @Autowired
    InvitationManagement invitations;
    @Autowired
    List<InvitationAnswering> answering;

    TeamSteps steps;

    @BeforeEach
    void steps() {
        steps = new TeamSteps(http, jdbc, mailSettings);
    }

    @Test
    void anotherOrganisationsAdminGets403EverywhereAndChangesNothing() {
        Org acme = world.org(5, 5);
        Org other = world.org(5, 5);
        String email = World.unique("x") + "@example.org";
        long id = steps.invited(acme, email, "Xavi", "Target");
        String base = "/api/orgs/" + acme.org().code() + "/team";
        TestRestTemplate intruder = http.withBasicAuth(other.adminUser(), other.adminPassword());

        assertThat(intruder.getForEntity(base, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(steps.invite(acme.org().code(), other.adminUser(), other.adminPassword(),
                World.unique("y") + "@example.org", "Y", "Y").getStatusCode().value()).isEqualTo(403);
        assertThat(intruder.postForEntity(base + "/invitations/" + id + "/resend", null, String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(intruder.postForEntity(base + "/invitations/" + id + "/revoke", null, String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(steps.post(other, "/team/invitations/" + id + "/revoke").getStatusCode().value())
                .as("another organisation's invitation through one's own organisation").isEqualTo(404);
        assertThat(http.getForEntity(base, String.class).getStatusCode().value()).isEqualTo(401);

        assertThat(steps.status(id)).isEqualTo("PENDING");
        assertThat(steps.team(acme).get("members")).hasSize(2);
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrongAndChangesNothing() {
        Org org = world.org(5, 5);
        String email = World.unique("dup") + "@example.org";
        steps.invited(org, email, "Dup", "Licate");

        assertThat(steps.invite(org, "not-an-email", "A", "B").getBody().get("detail").asText())
                .isEqualTo("email 'not-an-email' is not a valid email address");
        assertThat(steps.invite(org, World.unique("n") + "@example.org", " ", "B").getBody().get("detail").asText())
                .isEqualTo("firstName is required");
        assertThat(steps.invite(org, "a+b@example.org", "A", "B").getBody().get("detail").asText())
                .contains("cannot become a Seatflow user name");
        ResponseEntity<JsonNode> twice = steps.invite(org, email.toUpperCase(), "Dup", "Licate");
        assertThat(twice.getStatusCode().value()).isEqualTo(409);
        assertThat(twice.getBody().get("detail").asText()).contains("already pending").contains("resend it or revoke it");
        ResponseEntity<JsonNode> admin = steps.invite(org, org.adminUser() + "@example.org", "Test", "Admin");
        assertThat(admin.getStatusCode().value()).isEqualTo(409);
        assertThat(admin.getBody().get("detail").asText()).contains("is already an administrator");

        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(1);
    }

    @Test
    void linkTokensHaveAtLeast128RandomBitsAndOnlyTheirHashIsStored() throws Exception {
        Org org = world.org(5, 5);
        long id = steps.invited(org, World.unique("t") + "@example.org", "Tok", "En");

        String token = steps.mail(id, 1).token();

        assertThat(Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("SELECT token_hash FROM invitation WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(hash);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE token_hash = ?", token)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE body LIKE ? OR subject LIKE ?",
                "%" + token + "%", "%" + token + "%")).isZero();
    }

    @Test
    void anUnknownLinkIs404AndAnInvitationKindThePageCannotAnswerYetSaysSo() {
        // Chain links are answered in chain management (Tasklist or API), never through a mailed link.
        assertThat(answering.stream().map(InvitationAnswering::kind)).doesNotContain("CHAIN");
        Org org = world.org(5, 5);
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, email, email_norm, status, expires_at, created_at)
                VALUES (?, ?, 'other-kind@example.org', 'other-kind@example.org', 'PENDING', ?, ?)""")
                .params("CHAIN", org.org().id(), OffsetDateTime.now().plusDays(30), OffsetDateTime.now())
                .update(key, "id");
        String token = invitations.issueLinks(List.of(key.getKeyAs(Number.class).longValue())).get(0).token();

        ResponseEntity<String> unsupported = steps.page(token);
        ResponseEntity<String> unknown = steps.page("A".repeat(43));

        assertThat(unsupported.getStatusCode().value()).isEqualTo(501);
        assertThat(unsupported.getBody()).contains("not supported yet");
        assertThat(steps.accept(token, "whatever-password").getStatusCode().value()).isEqualTo(501);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("not valid");
    }

    @Test
    void aMemberRenamesThemselvesAndTheApiOffersNoWayToRenameSomeoneElse() {
        Org org = world.org(5, 5);
        String colleague = World.unique("colleague");
        identities.createUser(colleague, "Carl", "Colleague", colleague + "@example.org", "colleague-pass-1");
        TestRestTemplate admin = http.withBasicAuth(org.adminUser(), org.adminPassword());

        ResponseEntity<JsonNode> renamed = admin.exchange("/api/me", HttpMethod.PUT,
                new HttpEntity<>(Map.of("firstName", "Tess", "lastName", "Renamed", "userId", colleague)),
                JsonNode.class);

        assertThat(renamed.getStatusCode().value()).isEqualTo(200);
        assertThat(admin.getForEntity("/api/me", JsonNode.class).getBody().get("firstName").asText()).isEqualTo("Tess");
        assertThat(steps.entry(org, org.adminUser() + "@example.org").get("lastName").asText()).isEqualTo("Renamed");
        assertThat(identities.person(colleague)).map(Person::displayName).hasValue("Carl Colleague");
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.POST)) {
            ResponseEntity<String> attempt = admin.exchange("/api/orgs/" + org.org().code() + "/team/members/"
                    + colleague, method, new HttpEntity<>(Map.of("firstName", "Hacked", "lastName", "Name")),
                    String.class);
            assertThat(attempt.getStatusCode().is4xxClientError()).as("%s %s", method, attempt.getStatusCode())
                    .isTrue();
        }
        assertThat(admin.exchange("/api/me", HttpMethod.PUT, new HttpEntity<>(Map.of("firstName", "", "lastName", "X")),
                JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(identities.person(colleague)).map(Person::displayName).hasValue("Carl Colleague");
        assertThat(identities.person(org.adminUser())).map(Person::displayName).hasValue("Tess Renamed");
    }
}
