package com.seatflow.chain;

import static com.seatflow.chain.ChainApi.code;
import static com.seatflow.chain.ChainApi.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.organisation.OrgRoles;

/** The chain-join process on the real engine: requests, invitations, answers in the Tasklist and the API, expiry. */
@SeatflowIntegrationTest
class ChainJoinProcessTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    ChainApi api;

    @BeforeEach
    void api() {
        api = new ChainApi(http);
    }

    @AfterEach
    void resetClockAndSignOut() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    private Task answerTask(long linkId) {
        return tasks.createTaskQuery().processInstanceBusinessKey("chain-link-" + linkId).singleResult();
    }

    private String status(long linkId) {
        return jdbc.sql("SELECT status FROM chain_link WHERE id = ?").param(linkId).query(String.class).single();
    }

    private String processOf(long linkId) {
        return jdbc.sql("SELECT process_instance_id FROM chain_link WHERE id = ?").param(linkId).query(String.class)
                .single();
    }

    @Test
    void aRequestToJoinBecomesATaskForTheHeadsAdminsAndAcceptingItInTheTasklistLinksTheOrganisations() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);

        long linkId = api.requestToJoin(member, head);

        Task task = answerTask(linkId);
        assertThat(task.getName()).isEqualTo("Answer chain request from " + member.org().name() + " ("
                + code(member) + ")");
        assertThat(task.getDescription()).contains("asks to join the chain of " + head.org().name());
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly(OrgRoles.adminGroup(code(head)));
        var pendingAtHead = api.get(head, "/api/orgs/" + code(head) + "/chain/members").getBody();
        assertThat(pendingAtHead.get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(pendingAtHead.get(0).get("yourAnswerNeeded").asBoolean()).isTrue();
        var pendingAtMember = api.get(member, "/api/orgs/" + code(member) + "/chain/membership").getBody();
        assertThat(pendingAtMember.get("chain").isNull()).isTrue();
        assertThat(pendingAtMember.get("requests").get(0).get("yourAnswerNeeded").asBoolean()).isFalse();

        identity.setAuthentication(head.adminUser(), List.of(OrgRoles.adminGroup(code(head))));
        tasks.complete(task.getId(), Map.of("accepted", true));
        identity.clearAuthentication();

        assertThat(status(linkId)).isEqualTo("ACTIVE");
        var membership = api.get(member, "/api/orgs/" + code(member) + "/chain/membership").getBody();
        assertThat(membership.get("chain").get("head").asText()).isEqualTo(code(head));
        assertThat(membership.get("chain").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(membership.get("chain").get("answeredBy").asText()).isEqualTo(head.adminUser());
        assertThat(membership.get("requests")).isEmpty();
        var members = api.get(head, "/api/orgs/" + code(head) + "/chain/members").getBody();
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("member").asText()).isEqualTo(code(member));
        assertThat(members.get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("chain-link-" + linkId)
                .finished().count()).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'CHAIN_REQUEST' AND recipient = ?",
                head.adminUser() + "@example.org")).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'CHAIN_ANSWER' AND recipient = ?"
                + " AND subject = ?", member.adminUser() + "@example.org", "Chain request " + code(member) + " -> "
                + code(head) + ": accepted, the link is active")).isEqualTo(1);
    }

    @Test
    void anInvitationBecomesATaskForTheMembersAdminsAndDecliningItThroughTheApiGivesNoAccess() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);

        long linkId = api.invite(head, member);

        Task task = answerTask(linkId);
        assertThat(tasks.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly(OrgRoles.adminGroup(code(member)));
        var waiting = api.get(member, "/api/orgs/" + code(member) + "/chain/membership").getBody();
        assertThat(waiting.get("requests").get(0).get("yourAnswerNeeded").asBoolean()).isTrue();
        var headCannotAnswerItsOwnInvitation = api.answer(head, linkId, "accept");
        assertThat(headCannotAnswerItsOwnInvitation.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(headCannotAnswerItsOwnInvitation)).contains("waits for an answer from " + code(member));

        var declined = api.answer(member, linkId, "decline");

        assertThat(declined.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(declined.getBody().get("status").asText()).isEqualTo("DECLINED");
        assertThat(declined.getBody().get("answeredBy").asText()).isEqualTo(member.adminUser());
        assertThat(status(linkId)).isEqualTo("DECLINED");
        assertThat(answerTask(linkId)).isNull();
        assertThat(api.get(head, "/api/orgs/" + code(head) + "/chain/members").getBody()).isEmpty();
        assertThat(api.get(head, "/api/orgs/" + code(head) + "/chain/members?all=true").getBody().get(0)
                .get("status").asText()).isEqualTo("DECLINED");
        assertThat(api.get(head, "/api/orgs/" + code(member) + "/pools").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        var acceptAfterDecline = api.answer(member, linkId, "accept");
        assertThat(acceptAfterDecline.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(acceptAfterDecline)).contains("was already declined by " + member.adminUser());
    }

    @Test
    void aRequestNobodyAnswersExpiresAfterThirtyDaysAndCanThenNoLongerBeAccepted() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        long linkId = api.requestToJoin(member, head);
        Job timer = management.createJobQuery().processInstanceId(processOf(linkId)).timers().singleResult();
        Date started = answerTask(linkId).getCreateTime();
        assertThat(Duration.between(started.toInstant(), timer.getDuedate().toInstant()))
                .isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30).plusMinutes(1));

        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
        try {
            management.executeJob(timer.getId());
        } catch (ProcessEngineException firedByTheJobExecutorMeanwhile) {
            // the job executor also sees the moved clock; whoever fires the timer, the outcome is checked below
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> status(linkId), "EXPIRED"::equals);
        assertThat(answerTask(linkId)).isNull();
        var lateAccept = api.answer(head, linkId, "accept");
        assertThat(lateAccept.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(lateAccept)).contains("Chain request " + linkId).contains("expired on")
                .contains("can no longer be answered; ask or invite again");
        assertThat(status(linkId)).isEqualTo("EXPIRED");
        assertThat(api.get(head, "/api/orgs/" + code(member) + "/imports").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.requestToJoin(member, head)).as("asking again works").isGreaterThan(linkId);
    }

    @Test
    void anOrganisationCannotAskToJoinItsOwnChain() {
        Org org = world.org(10, 5);

        var response = api.post(org, "/api/orgs/" + code(org) + "/chain/requests", Map.of("head", code(org)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(response)).isEqualTo("Refused: organisation " + code(org) + " cannot join its own chain");
        assertThat(world.count("SELECT COUNT(*) FROM chain_link WHERE head_org_id = ?", org.org().id())).isZero();
    }

    @Test
    void aMemberOfOneChainCannotBeInvitedIntoASecond() {
        Org first = world.org(10, 5);
        Org second = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(first, member);

        var response = api.post(second, "/api/orgs/" + code(second) + "/chain/invitations",
                Map.of("member", code(member)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(response)).contains("organisation " + code(member) + " is already a member of the chain of "
                + code(first)).contains("must leave that chain first");
        assertThat(world.count("SELECT COUNT(*) FROM chain_link WHERE head_org_id = ?", second.org().id())).isZero();
    }

    @Test
    void anOrganisationCannotJoinAChainWhoseHeadIsBelowIt() {
        Org top = world.org(10, 5);
        Org middle = world.org(10, 5);
        Org bottom = world.org(10, 5);
        api.link(top, middle);
        api.link(middle, bottom);

        var response = api.post(top, "/api/orgs/" + code(top) + "/chain/requests", Map.of("head", code(bottom)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(response)).isEqualTo("Refused: organisation " + code(bottom) + " is itself, directly or"
                + " through its own chain, below " + code(top) + "; linking them would make a cycle");
    }

    @Test
    void acceptingChecksThePolicyAgainSoASecondInvitationCannotBeAcceptedOnceTheMemberJoinedAChain() {
        Org first = world.org(10, 5);
        Org second = world.org(10, 5);
        Org member = world.org(10, 5);
        long fromFirst = api.invite(first, member);
        long fromSecond = api.invite(second, member);
        assertThat(api.answer(member, fromFirst, "accept").getStatusCode()).isEqualTo(HttpStatus.OK);

        var response = api.answer(member, fromSecond, "accept");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(response)).contains("already a member of the chain of " + code(first));
        assertThat(status(fromSecond)).isEqualTo("PENDING");
        assertThat(answerTask(fromSecond)).as("the task stays for a decline").isNotNull();
        assertThat(api.answer(member, fromSecond, "decline").getBody().get("status").asText()).isEqualTo("DECLINED");
    }

    @Test
    void acceptingInTheTasklistAlsoChecksThePolicyAndLeavesTheTaskOpenWhenRefused() {
        Org first = world.org(10, 5);
        Org second = world.org(10, 5);
        Org member = world.org(10, 5);
        long fromSecond = api.invite(second, member);
        api.link(first, member);
        String taskId = answerTask(fromSecond).getId();
        identity.setAuthentication(member.adminUser(), List.of(OrgRoles.adminGroup(code(member))));

        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("accepted", true)))
                .hasMessageContaining("already a member of the chain of " + code(first));

        identity.clearAuthentication();
        assertThat(status(fromSecond)).isEqualTo("PENDING");
        assertThat(answerTask(fromSecond)).isNotNull();
        assertThat(world.count("SELECT COUNT(*) FROM chain_link WHERE active_member_id = ?", member.org().id()))
                .isEqualTo(1);
    }

    @Test
    void theRequesterCanWithdrawAPendingRequestWhichEndsItsProcess() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        long linkId = api.requestToJoin(member, head);
        var secondRequest = api.post(member, "/api/orgs/" + code(member) + "/chain/requests",
                Map.of("head", code(head)));
        assertThat(secondRequest.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(secondRequest)).contains("is already waiting for an answer");

        var withdrawn = api.post(member, "/api/orgs/" + code(member) + "/chain/links/" + linkId + "/withdraw", null);

        assertThat(withdrawn.getBody().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(answerTask(linkId)).isNull();
        assertThat(detail(api.answer(head, linkId, "accept"))).contains("was withdrawn by " + member.adminUser());
    }
}
