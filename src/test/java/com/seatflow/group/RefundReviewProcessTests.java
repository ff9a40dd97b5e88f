package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/** Removing members, and the refund-review process on the real engine: every branch of the refund policy. */
@SeatflowIntegrationTest
class RefundReviewProcessTests {

    private static final String PROCESS = "refund-review";

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Identities identities;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    ImportManagement imports;
    @Autowired
    KeyThrottle throttle;

    GroupSteps steps;

    @BeforeEach
    void setUp() {
        steps = new GroupSteps(http, jdbc, identities, licensing);
        throttle.forgetAll();
    }

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private static Map<String, Object> refund(String reason) {
        return Map.of("refundRequested", true, "reason", reason);
    }

    private String status(String email, Org org) {
        return jdbc.sql("""
                SELECT e.status FROM enrolment e JOIN user_account u ON u.id = e.user_id
                 WHERE u.email_norm = ? AND e.pool_id = ?""").params(email.toLowerCase(), org.groupPool().id())
                .query(String.class).single();
    }

    private boolean isMember(String email, Org org) {
        return world.count("""
                SELECT COUNT(*) FROM group_member m JOIN user_account u ON u.id = m.user_id
                 WHERE u.email_norm = ? AND m.group_id = ?""", email.toLowerCase(), org.group().id()) == 1;
    }

    private record Mail(String recipient, String subject, String body) {
    }

    private List<Mail> refundMails(String memberEmail) {
        return jdbc.sql("SELECT recipient, subject, body FROM outbox_mail WHERE template = 'REFUND_DECISION' AND subject LIKE ?")
                .param("%" + memberEmail + "%").query(Mail.class).list();
    }

    private static long refundId(ResponseEntity<JsonNode> removal) {
        return removal.getBody().get("refunds").get(0).get("id").asLong();
    }

    private List<String> endEvents(long refundId) {
        String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(Long.toString(refundId)).singleResult().getId();
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityType("noneEndEvent")
                .list().stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private Task reviewTask(long refundId) {
        return tasks.createTaskQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(Long.toString(refundId))
                .singleResult();
    }

    // ---- removal ----

    @Test
    void removingAMemberEndsTheirAccessAndTheUsedSeatIsNotGivenBack() {
        Org org = world.org(1, 5);
        String email = steps.member(org);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email, null);

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(removal.getBody().get("removedModules").get(0).asText()).isEqualTo(org.groupPool().productCode());
        assertThat(removal.getBody().get("refunds")).isEmpty();
        assertThat(status(email, org)).isEqualTo("REMOVED");
        assertThat(isMember(email, org)).isFalse();
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM refund_request WHERE group_id = ?", org.group().id())).isZero();
    }

    @Test
    void aRemovedMemberMayJoinAgainWithANewKeyTakingANewSeat() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        steps.remove(steps.asAdmin(org), org, email, null);

        ResponseEntity<JsonNode> again = steps.redeem(steps.key(org), email);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(isMember(email, org)).isTrue();
        assertThat(steps.consumed(org.groupPool())).isEqualTo(2);
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsRefused() {
        Org org = world.org(1, 5);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, "nobody@example.org", null);

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(removal.getBody().get("detail").asText()).isEqualTo("nobody@example.org is not a member of the group team");
    }

    @Test
    void aRefundRequestWithoutAReasonIsRefusedAndTheMemberStays() {
        Org org = world.org(1, 5);
        String email = steps.member(org);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email,
                Map.of("refundRequested", true, "reason", " "));

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(removal.getBody().get("detail").asText()).contains("reason is required when a refund is requested");
        assertThat(status(email, org)).isEqualTo("ACTIVE");
        assertThat(isMember(email, org)).isTrue();
    }

    @Test
    void removingAMemberWhoseGroupInvitationIsPendingCancelsItAndReleasesItsSeat() {
        Org org = world.org(1, 5);
        String email = World.unique("inv") + "@example.org";
        ImportJob job = ImportAwait.until(imports, world.submit(org, "group",
                "user_email,user_pass,first_name,last_name\n" + email + ",,Ivy,Invited\n"), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(world.pool(org.groupPool().id()).reserved()).isEqualTo(1);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email, null);

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(isMember(email, org)).isFalse();
        assertThat(world.pool(org.groupPool().id()).reserved()).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE group_id = ? AND status = 'CANCELED'",
                org.group().id())).isEqualTo(1);
    }

    // ---- the refund policy's branches ----

    @Test
    void aMemberWhoNeverStartedIsRefundedAtOnceWithinFourteenDaysAndTheRequesterIsTold() {
        Org org = world.org(1, 5);
        String leader = steps.groupAdmin(org.group());
        String email = steps.member(org);

        ResponseEntity<JsonNode> removal = steps.remove(steps.as(leader), org, email, refund("left the company"));

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode request = removal.getBody().get("refunds").get(0);
        assertThat(request.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(request.get("decidedBy").asText()).isEqualTo("refund-policy");
        assertThat(request.get("decision").asText()).contains("never started");
        assertThat(steps.consumed(org.groupPool())).isZero();
        assertThat(licensing.ledger(org.groupPool().id())).last().satisfies(entry -> {
            assertThat(entry.entryType()).isEqualTo("REFUND");
            assertThat(entry.consumedDelta()).isEqualTo(-1);
        });
        assertThat(licensing.drift()).isEmpty();
        assertThat(endEvents(request.get("id").asLong())).containsExactly("seatReturned");
        assertThat(refundMails(email)).singleElement().satisfies(mail -> {
            assertThat(mail.recipient()).isEqualTo(leader + "@example.org");
            assertThat(mail.subject()).contains("given back");
            assertThat(mail.body()).contains("left the company").contains("never started");
        });
    }

    @Test
    void aMemberWhoStartedGetsNoRefundAndTheRequesterIsToldWhy() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        ResponseEntity<JsonNode> started = http.withBasicAuth("support", "support-demo-pass").postForEntity(
                "/api/progress-events", Map.of("eventId", World.unique("ev"), "email", email, "productCode",
                        org.groupPool().productCode(), "type", "STARTED", "at", "2026-01-05T10:00:00Z"),
                JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email, refund("added by mistake"));

        JsonNode request = removal.getBody().get("refunds").get(0);
        assertThat(request.get("status").asText()).isEqualTo("REFUSED");
        assertThat(request.get("decision").asText()).contains("started the module");
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
        assertThat(endEvents(request.get("id").asLong())).containsExactly("refundRefused");
        assertThat(refundMails(email)).singleElement().satisfies(mail -> {
            assertThat(mail.recipient()).isEqualTo(org.adminUser() + "@example.org");
            assertThat(mail.subject()).contains("refused");
            assertThat(mail.body()).contains("started the module").contains("The seat stays used");
        });
    }

    @Test
    void aLateRequestNotMadeByMistakeIsRefusedAtOnce() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        steps.enrolledDaysAgo(org, email, 20);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email, refund("changed department"));

        JsonNode request = removal.getBody().get("refunds").get(0);
        assertThat(request.get("status").asText()).isEqualTo("REFUSED");
        assertThat(request.get("decision").asText()).contains("20 days");
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
    }

    @Test
    void aLateRequestForAMemberAddedByMistakeWaitsForSupportWhoSeesTheActivityAndApproves() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        steps.enrolledDaysAgo(org, email, 20);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(org), org, email, refund("Added by mistake"));

        assertThat(removal.getBody().get("refunds").get(0).get("status").asText()).isEqualTo("IN_REVIEW");
        long refundId = refundId(removal);
        Task review = reviewTask(refundId);
        assertThat(review.getName()).isEqualTo("Review refund request");
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly(OrgRoles.SUPPORT);
        assertThat(forms.getTaskFormData(review.getId()).getFormFields()).extracting(FormField::getId)
                .contains("member", "module", "started", "progress", "reason", "approved", "reviewComment");
        assertThat(tasks.getVariables(review.getId())).containsEntry("member", email).containsEntry("started", false)
                .containsEntry("progress", 0L).containsEntry("reason", "Added by mistake")
                .containsEntry("daysSinceEnrolment", 20L);
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
        assertThat(refundMails(email)).isEmpty();

        identity.setAuthentication("support", List.of(OrgRoles.SUPPORT));
        tasks.complete(review.getId(), Map.of("approved", true, "reviewComment", "confirmed: wrong Jane"));

        assertThat(steps.consumed(org.groupPool())).isZero();
        assertThat(endEvents(refundId)).containsExactly("seatReturned");
        ResponseEntity<JsonNode> refunds = steps.asAdmin(org).getForEntity(GroupSteps.groupPath(org) + "/refunds",
                JsonNode.class);
        assertThat(refunds.getBody().get(0).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunds.getBody().get(0).get("decidedBy").asText()).isEqualTo("support");
        assertThat(refunds.getBody().get(0).get("decision").asText()).isEqualTo("confirmed: wrong Jane");
        assertThat(refundMails(email)).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("confirmed: wrong Jane"));
    }

    @Test
    void supportRefusesAReviewedRequestAndTheRequesterIsToldWhy() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        steps.enrolledDaysAgo(org, email, 30);
        long refundId = refundId(steps.remove(steps.asAdmin(org), org, email, refund("added by mistake")));

        tasks.complete(reviewTask(refundId).getId(),
                Map.of("approved", false, "reviewComment", "the seat was assigned a month ago on purpose"));

        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
        assertThat(endEvents(refundId)).containsExactly("refundRefused");
        assertThat(jdbc.sql("SELECT status FROM refund_request WHERE id = ?").param(refundId).query(String.class)
                .single()).isEqualTo("REFUSED");
        assertThat(refundMails(email)).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).contains("refused");
            assertThat(mail.body()).contains("the seat was assigned a month ago on purpose");
        });
    }

    @Test
    void aRefusedRemovalWithARefundChangesNothingAtAll() {
        Org org = world.org(1, 5);
        Org other = world.org(1, 5);
        String email = steps.member(org);

        ResponseEntity<JsonNode> removal = steps.remove(steps.asAdmin(other), org, email, refund("added by mistake"));

        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(isMember(email, org)).isTrue();
        assertThat(status(email, org)).isEqualTo("ACTIVE");
        assertThat(world.count("SELECT COUNT(*) FROM refund_request WHERE group_id = ?", org.group().id())).isZero();
    }
}
