package com.seatflow.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.InvitationLinks;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.MailSettings;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;

/** The admin-invitation process on the real engine, driven through the API and the invitation page. */
@SeatflowIntegrationTest
class AdminInvitationProcessTests {

    private static final String PROCESS = "admin-invitation";
    private static final String PASSWORD = "correct-horse-battery";

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    Identities identities;
    @Autowired
    OrganisationManagement organisations;
    @Autowired
    LearnerAccounts learnerAccounts;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    TeamManagement team;
    @Value("${seatflow.public-url}")
    String publicUrl;

    TeamSteps steps;

    @BeforeEach
    void steps() {
        steps = new TeamSteps(http, jdbc, mailSettings);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance waiting(long invitationId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(Long.toString(invitationId)).singleResult();
    }

    private Job expiryTimer(long invitationId) {
        return management.createJobQuery().processInstanceId(waiting(invitationId).getId()).timers().singleResult();
    }

    private String endOf(long invitationId) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
                        .processInstanceBusinessKey(Long.toString(invitationId)).finished().singleResult().getId())
                .activityType("noneEndEvent").singleResult().getActivityId();
    }

    /** Moves the engine's clock past the expiry timer and fires it (or lets the job executor win the race). */
    private void runOutValidity(long invitationId) {
        Job timer = expiryTimer(invitationId);
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plus(Duration.ofMinutes(1))));
        try {
            management.executeJob(timer.getId());
        } catch (ProcessEngineException firedByTheJobExecutorMeanwhile) {
            // the job executor also sees the moved clock; whoever fires the timer, the outcome is checked below
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> steps.status(invitationId), "EXPIRED"::equals);
    }

    private static void assertDueInTenDaysFrom(Job timer, Instant start) {
        assertThat(timer.getDuedate().toInstant()).isBetween(start.plus(Duration.ofDays(10)).minusSeconds(5),
                start.plus(Duration.ofDays(10)).plusSeconds(60));
    }

    @Test
    void anInvitationIsPendingUntilTheNewAdministratorAcceptsItOnThePageAndThenTheyAreActive() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("new") + "@example.org";

        long id = steps.invited(org, email, "Nora", "O'Neil <i>");

        JsonNode pending = steps.entry(org, email);
        assertThat(pending).as("team list entry of %s", email).isNotNull();
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("expired").asBoolean()).isFalse();
        assertThat(pending.get("invitationId").asLong()).isEqualTo(id);
        assertThat(runtime.getActiveActivityIds(waiting(id).getId())).containsExactly("waitForAnswer");
        InvitationLinks.Mail mail = steps.mail(id, 1);
        assertThat(mail.to()).isEqualTo(email);
        assertThat(mail.subject()).isEqualTo("Test Admin invites you to administer " + org.org().name() + " on Seatflow");
        assertThat(mail.body()).contains(publicUrl + "/invitations/" + mail.token()).contains("valid until");

        ResponseEntity<String> page = steps.page(mail.token());
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("Test Admin invited Nora O&#39;Neil &lt;i&gt; (" + email + ")")
                .contains("administer " + org.org().name()).contains("name=\"password\"")
                .doesNotContain("<i>").doesNotContain("already have an account");

        ResponseEntity<String> tooShort = steps.accept(mail.token(), "short");
        assertThat(tooShort.getStatusCode().value()).isEqualTo(400);
        assertThat(tooShort.getBody()).contains("at least 10 characters");
        assertThat(steps.status(id)).isEqualTo("PENDING");
        assertThat(identities.userExists(email)).isFalse();

        ResponseEntity<String> accepted = steps.accept(mail.token(), PASSWORD);

        assertThat(accepted.getStatusCode().value()).isEqualTo(200);
        assertThat(accepted.getBody()).contains("sign in to the Tasklist as " + email);
        assertThat(steps.status(id)).isEqualTo("ACCEPTED");
        JsonNode active = steps.entry(org, email);
        assertThat(active).as("team list entry of %s", email).isNotNull();
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("userId").asText()).isEqualTo(email);
        assertThat(active.get("firstName").asText()).isEqualTo("Nora");
        assertThat(steps.team(org).get("members").findValuesAsText("status")).doesNotContain("PENDING");
        assertThat(http.withBasicAuth(email, PASSWORD).getForEntity("/api/orgs/" + org.org().code() + "/team",
                String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(waiting(id)).isNull();
        assertThat(endOf(id)).isEqualTo("administratorJoined");
        ResponseEntity<String> openedAgain = steps.page(mail.token());
        assertThat(openedAgain.getStatusCode().value()).isEqualTo(200);
        assertThat(openedAgain.getBody()).contains("Invitation accepted").contains("sign in to the Tasklist as " + email)
                .doesNotContain("<form");
    }

    @Test
    void aDeclinedInvitationDisappearsFromTheTeamListAndCreatesNoAccount() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("no") + "@example.org";
        long id = steps.invited(org, email, "Dee", "Clyne");
        String token = steps.mail(id, 1).token();

        ResponseEntity<String> declined = steps.decline(token);

        assertThat(declined.getStatusCode().value()).isEqualTo(200);
        assertThat(steps.status(id)).isEqualTo("DECLINED");
        assertThat(steps.entry(org, email)).isNull();
        assertThat(identities.userExists(email)).isFalse();
        assertThat(endOf(id)).isEqualTo("invitationDeclined");
        assertThat(steps.accept(token, PASSWORD).getStatusCode().value()).isEqualTo(410);
        assertThat(identities.userExists(email)).isFalse();
    }

    @Test
    void afterTenDaysTheInvitationExpiresStillShowsAsPendingMarkedExpiredAndItsLinkIsRefused() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("late") + "@example.org";
        Instant invitedAt = ClockUtil.getCurrentTime().toInstant();
        long id = steps.invited(org, email, "Lee", "Late");
        String token = steps.mail(id, 1).token();
        assertDueInTenDaysFrom(expiryTimer(id), invitedAt);

        runOutValidity(id);

        JsonNode expired = steps.entry(org, email);
        assertThat(expired).as("team list entry of %s", email).isNotNull();
        assertThat(expired.get("status").asText()).isEqualTo("PENDING");
        assertThat(expired.get("expired").asBoolean()).isTrue();
        assertThat(endOf(id)).isEqualTo("invitationExpired");
        ResponseEntity<String> page = steps.page(token);
        assertThat(page.getStatusCode().value()).isEqualTo(410);
        assertThat(page.getBody()).contains("expired");
        assertThat(steps.accept(token, PASSWORD).getStatusCode().value()).isEqualTo(410);
        assertThat(identities.userExists(email)).isFalse();
        assertThat(steps.status(id)).isEqualTo("EXPIRED");
    }

    @Test
    void resendIssuesANewLinkTheOldLinkIsRefusedAndTheTenDaysStartAgain() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("again") + "@example.org";
        long id = steps.invited(org, email, "Ray", "Send");
        String oldToken = steps.mail(id, 1).token();
        Instant sixDaysLater = ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(6));
        ClockUtil.setCurrentTime(Date.from(sixDaysLater));

        ResponseEntity<JsonNode> resent = steps.post(org, "/team/invitations/" + id + "/resend");

        assertThat(resent.getStatusCode().value()).isEqualTo(200);
        assertThat(steps.page(oldToken).getStatusCode().value()).isEqualTo(404);
        assertDueInTenDaysFrom(expiryTimer(id), sixDaysLater);
        String newToken = steps.mail(id, 2).token();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(steps.page(oldToken).getStatusCode().value()).isEqualTo(404);
        assertThat(steps.accept(oldToken, PASSWORD).getStatusCode().value()).isEqualTo(404);
        assertThat(steps.page(newToken).getStatusCode().value()).isEqualTo(200);
        assertThat(steps.accept(newToken, PASSWORD).getStatusCode().value()).isEqualTo(200);
        assertThat(steps.entry(org, email).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(endOf(id)).isEqualTo("administratorJoined");
    }

    @Test
    void resendingAnExpiredInvitationMakesItPendingAgainWithANewLinkAndTenNewDays() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("revive") + "@example.org";
        long id = steps.invited(org, email, "Vi", "Vive");
        String oldToken = steps.mail(id, 1).token();
        runOutValidity(id);
        Instant resentAt = ClockUtil.getCurrentTime().toInstant();

        assertThat(steps.post(org, "/team/invitations/" + id + "/resend").getStatusCode().value()).isEqualTo(200);

        assertThat(steps.entry(org, email).get("expired").asBoolean()).isFalse();
        assertThat(steps.status(id)).isEqualTo("PENDING");
        assertDueInTenDaysFrom(expiryTimer(id), resentAt);
        String newToken = steps.mail(id, 2).token();
        assertThat(steps.page(oldToken).getStatusCode().value()).isEqualTo(404);
        assertThat(steps.accept(newToken, PASSWORD).getStatusCode().value()).isEqualTo(200);
        assertThat(steps.status(id)).isEqualTo("ACCEPTED");
    }

    @Test
    void aRevokedInvitationLeavesTheTeamListItsLinkIsRefusedAndInvitingAgainWorks() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("gone") + "@example.org";
        long id = steps.invited(org, email, "Rev", "Oked");
        String token = steps.mail(id, 1).token();

        ResponseEntity<JsonNode> revoked = steps.post(org, "/team/invitations/" + id + "/revoke");

        assertThat(revoked.getStatusCode().value()).isEqualTo(204);
        assertThat(steps.entry(org, email)).isNull();
        assertThat(endOf(id)).isEqualTo("invitationRevoked");
        ResponseEntity<String> page = steps.page(token);
        assertThat(page.getStatusCode().value()).isEqualTo(410);
        assertThat(page.getBody()).contains("revoked");
        assertThat(steps.accept(token, PASSWORD).getStatusCode().value()).isEqualTo(410);
        assertThat(identities.userExists(email)).isFalse();
        assertThat(steps.post(org, "/team/invitations/" + id + "/revoke").getStatusCode().value()).isEqualTo(409);

        long again = steps.invited(org, email, "Rev", "Oked");
        String newToken = steps.mail(again, 1).token();
        assertThat(steps.accept(newToken, PASSWORD).getStatusCode().value()).isEqualTo(200);
        assertThat(steps.entry(org, email).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anOrganisationWithoutLicencesIsRefusedWithTheReasonAndNothingIsCreated() {
        String code = World.unique("bare");

        assertRefusedForWantOfLicences(organisations.create(code, "Bare " + code));
    }

    /** Pools that give no seat now are no licences in place: an expired pool, and one with no seats. */
    @Test
    void anOrganisationWhoseOnlyPoolIsExpiredOrHasNoSeatsIsRefusedAsWithoutLicences() {
        long product = licensing.createProduct(World.unique("PRG-"), "Programme", "PROGRAMME").id();
        String expiredCode = World.unique("expired");
        Organisation expired = organisations.create(expiredCode, "Expired " + expiredCode);
        licensing.purchase(expired.id(), null, product, null, 5, Instant.now().minus(Duration.ofDays(1)), "test",
                World.unique("ORDER-"));
        String emptyCode = World.unique("empty");
        Organisation empty = organisations.create(emptyCode, "Empty " + emptyCode);
        licensing.orgPoolFor(empty.id(), product, null, Instant.now().plus(Duration.ofDays(365)));

        assertRefusedForWantOfLicences(expired);
        assertRefusedForWantOfLicences(empty);
    }

    private void assertRefusedForWantOfLicences(Organisation org) {
        long processesBefore = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count();

        ResponseEntity<JsonNode> refused = steps.invite(org.code(), "support", "support-demo-pass",
                World.unique("first") + "@example.org", "First", "Admin");

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").asText()).isEqualTo(
                "the organisation's licences must be in place before administrators are added: buy seats first");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.id())).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id "
                + "WHERE i.org_id = ?", org.id())).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).count())
                .isEqualTo(processesBefore);
    }

    /** The answer statement itself only takes a pending invitation: one revoked after the page's check is refused. */
    @Test
    void acceptingAnInvitationRevokedAfterThePageCheckedItIsRefusedAndMakesNoAdministrator() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("late") + "@example.org";
        long id = steps.invited(org, email, "Lou", "Late");
        steps.mail(id, 1);
        assertThat(steps.post(org, "/team/invitations/" + id + "/revoke").getStatusCode().value()).isEqualTo(204);

        assertThatThrownBy(() -> team.accept(id, new AcceptanceForm(PASSWORD, PASSWORD)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("no longer pending");

        assertThat(steps.status(id)).isEqualTo("REVOKED");
        assertThat(identities.userExists(email)).isFalse();
        assertThat(identities.emailsOf(OrgRoles.adminGroup(org.org().code()))).doesNotContain(email);
        assertThat(steps.entry(org, email)).isNull();
    }

    /** Seed 001: a learner's licences and completion history stay with the learner account, and they are told so. */
    @Test
    void aLearnerInvitedToTheTeamIsWarnedThatTheirLearnerAccountStaysApart() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("learner") + "@example.org";
        learnerAccounts.findOrCreate(email, "Lena", "Learner", learnerAccounts.hashPassword("learner-password-1"));
        long id = steps.invited(org, email, "Lena", "Learner");

        ResponseEntity<String> page = steps.page(steps.mail(id, 1).token());

        assertThat(page.getBody()).contains("You already have an account")
                .contains("Your learner account with this address stays as it is: its licences and course completion"
                        + " history do not follow you into")
                .contains("the user name " + email).contains("name=\"password\"");
    }

    @Test
    void someoneWhoAlreadyHasAnAccountIsWarnedBeforeAcceptingAndJoinsWithThatAccount() throws Exception {
        Org org = world.org(5, 5);
        String userId = World.unique("old");
        String email = userId + "@example.org";
        identities.createUser(userId, "Olga", "Old", email, "old-password-123");
        long id = steps.invited(org, email.toUpperCase(), "Olga", "Old");
        String token = steps.mail(id, 1).token();

        ResponseEntity<String> page = steps.page(token);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("You already have an account").contains(userId)
                .contains("Licences, course completion history and integrations tied to that account")
                .contains("do not follow you").doesNotContain("name=\"password\"");

        assertThat(steps.accept(token, null).getStatusCode().value()).isEqualTo(200);
        assertThat(identities.groupsOf(userId)).contains(OrgRoles.adminGroup(org.org().code()));
        assertThat(identities.userExists(email)).isFalse();
        assertThat(http.withBasicAuth(userId, "old-password-123").getForEntity(
                "/api/orgs/" + org.org().code() + "/team", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void everyTeamMemberMayInviteMoreAdministratorsAndReceivesTheAccountMails() throws Exception {
        Org org = world.org(5, 5);
        String email = World.unique("peer") + "@example.org";
        long id = steps.invited(org, email, "Pia", "Peer");
        steps.accept(steps.mail(id, 1).token(), PASSWORD);

        ResponseEntity<JsonNode> byNewMember = steps.invite(org.org().code(), email, PASSWORD,
                World.unique("next") + "@example.org", "Ned", "Next");

        assertThat(byNewMember.getStatusCode().value()).isEqualTo(201);
        assertThat(byNewMember.getBody().get("invitedBy").asText()).isEqualTo("Pia Peer");
        assertThat(identities.emailsOf(OrgRoles.adminGroup(org.org().code()))).contains(email,
                org.adminUser() + "@example.org");
    }
}
