package com.seatflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.ImportAwait;
import com.seatflow.InvitationLinks;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.notification.MailSettings;
import com.seatflow.organisation.LearnerAccounts;

@SeatflowIntegrationTest
class GroupInvitationIntegrationTests {

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
    LearnerAccounts accounts;
    @Autowired
    ImportManagement imports;
    @Autowired
    JobLauncher jobLauncher;
    @Autowired
    @Qualifier("invitationReminders")
    Job invitationReminders;

    private ResponseEntity<JsonNode> invite(Org org, String email) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword()).postForEntity(
                "/api/orgs/" + org.org().code() + "/groups/team/invitations",
                Map.of("email", email, "firstName", "Grace", "lastName", "Hopper"), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(Org org, String path) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword())
                .postForEntity("/api/orgs/" + org.org().code() + "/groups/team/invitations" + path, null, JsonNode.class);
    }

    private int members(Org org) {
        return world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", org.group().id());
    }

    @Test
    void aNewcomerGetsAnAccountAndALinkToSetTheirPasswordAndJoinsOnAccepting() throws Exception {
        Org org = world.org(1, 3);
        String email = World.unique("new") + "@example.org";

        var invited = invite(org, email);
        long id = invited.getBody().get("invitationId").asLong();
        assertThat(invited.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(invited.getBody().get("outcome").asText()).isEqualTo("INVITED");
        assertThat(world.pool(org.groupPool().id()).reserved()).isEqualTo(1);
        var links = new InvitationLinks(http, jdbc, mailSettings);
        var mail = links.mail(id, 1);
        assertThat(mail.body()).doesNotContainIgnoringCase("password:").startsWith("Hello Grace,");
        assertThat(links.page(mail.token()).getBody()).contains("join the group");

        var accepted = links.accept(mail.token(), "a-good-password-1");

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(members(org)).isEqualTo(1);
        var pool = world.pool(org.groupPool().id());
        assertThat(pool.reserved()).isZero();
        assertThat(pool.consumed()).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ? AND status = 'ACTIVE'", pool.id()))
                .isEqualTo(1);
        assertThat(accounts.byEmail(email).orElseThrow().hasPassword()).isTrue();
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void someoneWithAnAccountIsAddedAtOnceAndToldByMail() {
        Org org = world.org(1, 3);
        String email = World.unique("known") + "@example.org";
        accounts.findOrCreate(email, "Known", "Learner", "$2a$10$abcdefghijklmnopqrstuv0123456789012345678901234567890");

        var added = invite(org, email);

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().get("outcome").asText()).isEqualTo("ADDED");
        assertThat(members(org)).isEqualTo(1);
        assertThat(world.pool(org.groupPool().id()).consumed()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT body FROM outbox_mail WHERE template = 'GROUP_ADDED' AND recipient = ?")
                .param(email).query(String.class).single())
                .contains("Its modules are now yours on the learning platform at https://learn.seatflow.test");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE email_norm = ?", email)).isZero();
    }

    @Test
    void importRowsForAMemberOrAPendingInviteeOfTheGroupAreUnchangedTakeNoSeatAndSendNoMail() {
        Org org = world.org(1, 5);
        String member = World.unique("member") + "@example.org";
        accounts.findOrCreate(member, "Mem", "Ber", accounts.hashPassword("member-password-1"));
        assertThat(invite(org, member).getBody().get("outcome").asText()).isEqualTo("ADDED");
        String invitee = World.unique("invitee") + "@example.org";
        assertThat(invite(org, invitee).getBody().get("outcome").asText()).isEqualTo("INVITED");
        String newcomer = World.unique("newcomer") + "@example.org";
        String recipients = "SELECT COUNT(*) FROM outbox_mail WHERE recipient IN (?, ?)";
        int mailsBefore = world.count(recipients, member, invitee);

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", "user_email,user_pass,first_name,last_name\n"
                + member + ",,Mem,Ber\n" + invitee + ",,In,Vitee\n" + newcomer + ",,New,Comer\n"),
                ImportStatus.AWAITING_REVIEW);

        assertThat(job).extracting(ImportJob::newRows, ImportJob::unchangedRows).containsExactly(1, 2);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(world.pool(org.groupPool().id())).as("reserved, consumed")
                .extracting(SeatPool::reserved, SeatPool::consumed).containsExactly(2, 1);
        assertThat(members(org)).as("the member and the newcomer").isEqualTo(2);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE email_norm IN (?, ?)", member, invitee))
                .isEqualTo(1);
        assertThat(world.count(recipients, member, invitee)).isEqualTo(mailsBefore);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", newcomer)).isEqualTo(1);
    }

    @Test
    void refusalsNameTheReasonAndChangeNothing() {
        Org org = world.org(1, 1);
        String first = World.unique("a") + "@example.org";
        invite(org, first);

        var again = invite(org, first);
        var noSeat = invite(org, World.unique("b") + "@example.org");
        var badEmail = invite(org, "not-an-email");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail").asText()).contains("already has a pending invitation");
        assertThat(noSeat.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(noSeat.getBody().get("detail").asText()).contains("no free seat");
        assertThat(badEmail.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE group_id = ?", org.group().id())).isEqualTo(1);
        assertThat(world.pool(org.groupPool().id()).reserved()).isEqualTo(1);
    }

    @Test
    void resendReplacesTheLinkAndCancelReleasesTheSeat() throws Exception {
        Org org = world.org(1, 3);
        long id = invite(org, World.unique("c") + "@example.org").getBody().get("invitationId").asLong();
        var links = new InvitationLinks(http, jdbc, mailSettings);
        String oldToken = links.mail(id, 1).token();

        assertThat(post(org, "/" + id + "/resend").getStatusCode()).isEqualTo(HttpStatus.OK);
        String newToken = links.mail(id, 2).token();
        assertThat(links.page(oldToken).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(links.page(newToken).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(post(org, "/" + id + "/cancel").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(links.page(newToken).getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(post(org, "/" + id + "/resend").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(world.pool(org.groupPool().id()).reserved()).isZero();
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void oneReminderGoesOutBeforeAnInvitationExpires() throws Exception {
        Org org = world.org(1, 3);
        long soon = invite(org, World.unique("d") + "@example.org").getBody().get("invitationId").asLong();
        long later = invite(org, World.unique("e") + "@example.org").getBody().get("invitationId").asLong();
        jdbc.sql("UPDATE invitation SET expires_at = ? WHERE id = ?").params(OffsetDateTime.now().plusDays(2), soon)
                .update();

        var first = jobLauncher.run(invitationReminders, new JobParametersBuilder().addLong("run", System.nanoTime())
                .toJobParameters());
        var second = jobLauncher.run(invitationReminders, new JobParametersBuilder().addLong("run", System.nanoTime())
                .toJobParameters());

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'INVITATION_REMINDER' AND invitation_id = ?",
                soon)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'INVITATION_REMINDER' AND invitation_id = ?",
                later)).isZero();
    }

    @Test
    void anAdminOfAnotherOrganisationCannotInvite() {
        Org org = world.org(1, 3);
        Org other = world.org(1, 3);

        var refused = http.withBasicAuth(other.adminUser(), other.adminPassword()).postForEntity(
                "/api/orgs/" + org.org().code() + "/groups/team/invitations",
                Map.of("email", World.unique("f") + "@example.org", "firstName", "F", "lastName", "G"), String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE group_id = ?", org.group().id())).isZero();
    }
}
