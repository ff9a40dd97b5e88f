package com.seatflow.programme;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.ImportAwait;
import com.seatflow.InvitationLinks;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.notification.MailSettings;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.platform.ConflictException;

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
    @Autowired
    ImportManagement imports;
    @Autowired
    LearnerInvitations invitations;
    @Autowired
    LearnerAccounts accounts;

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

    /** Post/redirect/get: reloading the page after answering shows the answer again and sends nothing. */
    @Test
    void answeringRedirectsToTheInvitationsPageWhichThenSaysWhatWasAnswered() {
        Org org = world.org(10, 1);
        var links = new InvitationLinks(http, jdbc, mailSettings);
        var toAccept = invite(org, "LE-7", World.unique("prg") + "@example.org", org.run1());
        var toDecline = invite(org, "LE-8", World.unique("prg") + "@example.org", org.run1());
        var form = new LinkedMultiValueMap<String, String>();
        form.add("password", "learner-password-1");
        form.add("passwordAgain", "learner-password-1");

        var accepted = links.post("/invitations/" + token(toAccept) + "/accept", form);
        var acceptedAgain = links.post("/invitations/" + token(toAccept) + "/accept", form);
        var declined = links.post("/invitations/" + token(toDecline) + "/decline", new LinkedMultiValueMap<>());

        for (var answer : List.of(accepted, acceptedAgain)) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
            assertThat(answer.getHeaders().getLocation()).hasPath("/invitations/" + token(toAccept));
        }
        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(declined.getHeaders().getLocation()).hasPath("/invitations/" + token(toDecline));
        assertThat(links.page(token(toAccept)).getBody()).contains("Invitation accepted").doesNotContain("<form");
        assertThat(links.page(token(toDecline)).getBody()).contains("Invitation declined").doesNotContain("<form");
        assertThat(links.status(id(toAccept))).isEqualTo("ACCEPTED");
        assertThat(links.status(id(toDecline))).isEqualTo("DECLINED");
        assertThat(links.post("/invitations/" + token(toDecline) + "/accept", form).getStatusCode())
                .isEqualTo(HttpStatus.GONE);
        assertThat(world.pool(org.programmePool().id()).consumed()).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ?", org.programmePool().id()))
                .isEqualTo(1);
    }

    @Test
    void theLearnerIsToldHowToSignInAndALaterInvitationJoinsTheSameAccount() {
        Org org = world.org(10, 1);
        String email = World.unique("signin") + "@example.org";
        var links = new InvitationLinks(http, jdbc, mailSettings);

        var first = links.accept(token(invite(org, "LE-5", email, org.run1())), "learner-password-1");
        String secondToken = token(invite(org, "LE-5", email, org.run2()));
        var secondPage = links.page(secondToken);
        var second = links.accept(secondToken, null);

        assertThat(first.getBody()).contains("Sign in to the learning platform at https://learn.seatflow.test with"
                + " your email address (" + email + ") and your password.");
        assertThat(secondPage.getBody()).contains("You already have an account.")
                .contains("You join with it: no new password is needed").doesNotContain("name=\"password\"");
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).contains("Invitation accepted").contains("with your email address (" + email + ")");
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ?", email)).isEqualTo(1);
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
    void anImportRowForALearnerEnrolledOnTheRunIsUnchangedTakesNoSeatAndSendsNoMail() {
        Org org = world.org(10, 1);
        String enrolled = World.unique("enrolled") + "@example.org";
        String newcomer = World.unique("newcomer") + "@example.org";
        var links = new InvitationLinks(http, jdbc, mailSettings);
        assertThat(links.accept(token(invite(org, "LE-6", enrolled, org.run1())), "learner-password-1")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        int mailsBefore = world.count("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", enrolled);
        String onRun1 = "," + org.programmeCode() + "," + org.run1() + "," + BULK_EXPIRY + "\n";

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme",
                "external_learner_id,email,program_code,program_run_code,expiry_time\n" + "LE-6," + enrolled + onRun1
                        + "LE-7," + newcomer + onRun1), ImportStatus.AWAITING_REVIEW);

        assertThat(job).extracting(ImportJob::newRows, ImportJob::unchangedRows).containsExactly(1, 1);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(world.pool(org.programmePool().id())).as("reserved, consumed")
                .extracting(SeatPool::reserved, SeatPool::consumed).containsExactly(1, 1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE email_norm = ?", enrolled)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", enrolled)).isEqualTo(mailsBefore);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", newcomer)).isEqualTo(1);
    }

    /** The accept statement itself only takes a pending invitation: one canceled after the page's check is refused. */
    @Test
    void acceptingAnInvitationCanceledAfterThePageCheckedItIsRefusedAndEnrolsNobody() {
        Org org = world.org(10, 1);
        String email = World.unique("late") + "@example.org";
        long canceled = id(invite(org, "LE-8", email, org.run1()));
        // another pending invitation keeps a seat reserved, which a wrongly accepted one would take
        invite(org, "LE-9", World.unique("other") + "@example.org", org.run1());
        invitations.cancel(org.org().id(), canceled, org.adminUser());
        long account = accounts.findOrCreate(email, null, null, accounts.hashPassword("learner-password-1")).id();

        assertThatThrownBy(() -> invitations.accept(canceled, account)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no longer pending");

        assertThat(new InvitationLinks(http, jdbc, mailSettings).status(canceled)).isEqualTo("CANCELED");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE user_id = ?", account)).isZero();
        var pool = world.pool(org.programmePool().id());
        assertThat(pool.reserved()).isEqualTo(1);
        assertThat(pool.consumed()).isZero();
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
