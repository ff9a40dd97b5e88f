package com.seatflow.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.InvitationLinks;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.MailSettings;
import com.seatflow.organisation.Identities;

/** What a learner can meet on the invitation page, and the refusals and permission cases around one invitation. */
@SeatflowIntegrationTest
class ProgrammeInvitationLearnerTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    Identities identities;
    @Autowired
    ProgrammePermissions permissions;

    private TestRestTemplate asAdmin(Org org) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    private ResponseEntity<JsonNode> invite(Org org, String learnerId, String email, String run) {
        return asAdmin(org).postForEntity("/api/orgs/" + org.org().code() + "/programmes/" + org.programmeCode()
                + "/invitations", Map.of("externalLearnerId", learnerId, "email", email, "runCodes", List.of(run)),
                JsonNode.class);
    }

    private static String token(ResponseEntity<JsonNode> created) {
        String link = created.getBody().get(0).get("shareLink").asText();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static long id(ResponseEntity<JsonNode> created) {
        return created.getBody().get(0).get("id").asLong();
    }

    @Test
    void badPasswordsAreRefusedOnThePageAndDecliningReleasesTheSeat() {
        Org org = world.org(10, 1);
        String email = World.unique("le") + "@example.org";
        var created = invite(org, "LE-1", email, org.run1());
        var links = new InvitationLinks(http, jdbc, mailSettings);
        String token = token(created);

        // invited by email alone: the page names the learner by that email, once
        assertThat(links.page(token).getBody()).contains(" invited " + email + " to ")
                .doesNotContain(email + " (" + email + ")");
        var unknown = links.page("x".repeat(43));
        var tooShort = links.accept(token, "short");
        var missing = links.accept(token, null);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).contains("not valid");
        assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooShort.getBody()).contains("at least 10 characters");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).contains("Choose a password");
        assertThat(links.status(id(created))).isEqualTo("PENDING");
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(1);

        var declined = links.decline(token);
        var afterwards = links.accept(token, "learner-password-1");

        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(links.status(id(created))).isEqualTo("DECLINED");
        assertThat(afterwards.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(afterwards.getBody()).contains("declined");
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void aLearnerIdTakenByAnotherEmailBeforeAcceptanceIsRefusedAndNothingChanges() {
        Org org = world.org(10, 1);
        String email = World.unique("late") + "@example.org";
        var created = invite(org, "LE-2", email, org.run1());
        String owner = World.unique("owner") + "@example.org";
        jdbc.sql("INSERT INTO user_account (email, email_norm, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
                .params(owner, owner).update();
        jdbc.sql("""
                INSERT INTO learner_identity (org_id, external_learner_id, user_id)
                SELECT ?, 'LE-2', id FROM user_account WHERE email_norm = ?""").params(org.org().id(), owner).update();
        var links = new InvitationLinks(http, jdbc, mailSettings);

        var accepted = links.accept(token(created), "learner-password-1");

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(accepted.getBody()).contains("already belongs to another email");
        assertThat(links.status(id(created))).isEqualTo("PENDING");
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ?", email)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ?", org.programmePool().id())).isZero();
    }

    @Test
    void anEnrolledLearnerOrAnEmailWithAnotherLearnerIdIsNotInvitedAgain() {
        Org org = world.org(10, 1);
        String email = World.unique("twice") + "@example.org";
        var links = new InvitationLinks(http, jdbc, mailSettings);
        links.accept(token(invite(org, "LE-3", email, org.run1())), "learner-password-1");

        var enrolled = invite(org, "LE-3", email, org.run1());
        var otherId = invite(org, "LE-4", email, org.run2());

        assertThat(enrolled.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(enrolled.getBody().toString()).contains("already enrolled");
        assertThat(otherId.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(otherId.getBody().toString()).contains("already has the learner id LE-3");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(1);
    }

    @Test
    void aProgrammeLearnerAdminManagesTheirProgrammesRunsOnlyAndLosesThemWhenThePermissionIsWithdrawn() {
        Org org = world.org(10, 1);
        Org elsewhere = world.org(10, 1);
        String admin = World.unique("pla");
        identities.createUser(admin, "Pat", "Admin", admin + "@example.org", "password-" + admin);
        var grant = new ProgrammePermissions.Grant(admin, ProgrammePermissions.Role.PROGRAMME_LEARNER_ADMIN,
                org.programmeCode());
        permissions.grant(org.org().code(), grant);
        var asAdmin = http.withBasicAuth(admin, "password-" + admin);
        long invitation = id(invite(org, "LE-5", World.unique("pa") + "@example.org", org.run1()));
        String own = "/api/orgs/" + org.org().code() + "/programmes/" + org.programmeCode();
        String other = "/api/orgs/" + org.org().code() + "/programmes/" + elsewhere.programmeCode();

        assertThat(asAdmin.getForEntity(own + "/runs/RUN-1/invitations", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(asAdmin.getForEntity(own + "/runs/RUN-1/enrolments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(asAdmin.getForEntity(other + "/runs/RUN-1/invitations", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asAdmin.postForEntity(other + "/invitations/" + invitation + "/cancel", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        permissions.withdraw(org.org().code(), grant);

        assertThat(asAdmin.getForEntity(own + "/runs/RUN-1/invitations", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asAdmin.postForEntity(own + "/invitations/" + invitation + "/cancel", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("SELECT status FROM invitation WHERE id = ?").param(invitation).query(String.class)
                .single()).isEqualTo("PENDING");
    }
}
