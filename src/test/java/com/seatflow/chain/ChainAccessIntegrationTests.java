package com.seatflow.chain;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static com.seatflow.chain.ChainApi.code;
import static com.seatflow.chain.ChainApi.detail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

/** A chain manager acts inside its active members, and only there and only then; every such request is audited. */
@SeatflowIntegrationTest
class ChainAccessIntegrationTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ImportManagement imports;

    ChainApi api;

    @BeforeEach
    void api() {
        api = new ChainApi(http);
    }

    private static String notAMemberMessage(Org member) {
        return "You are not an admin of organisation " + code(member) + ", and " + code(member)
                + " is not an active member of a chain your organisation heads";
    }

    @Test
    void aChainManagerCanUseTheMembersAdminFunctionsOnlyAfterAcceptanceAndNotAfterTheMemberLeaves() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        String pools = "/api/orgs/" + code(member) + "/pools";
        String importsOfMember = "/api/orgs/" + code(member) + "/imports";
        long linkId = api.requestToJoin(member, head);

        var beforeAccept = api.get(head, pools);
        assertThat(beforeAccept.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(detail(beforeAccept)).isEqualTo(notAMemberMessage(member));

        api.answer(head, linkId, "accept");
        var poolsWhileLinked = api.get(head, pools);
        var importsWhileLinked = api.get(head, importsOfMember);
        assertThat(poolsWhileLinked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(poolsWhileLinked.getBody()).extracting(p -> p.get("pool").get("id").asLong())
                .contains(member.programmePool().id(), member.groupPool().id());
        assertThat(importsWhileLinked.getStatusCode()).isEqualTo(HttpStatus.OK);

        var left = api.post(member, "/api/orgs/" + code(member) + "/chain/leave", null);
        assertThat(left.getBody().get("status").asText()).isEqualTo("LEFT");

        var afterLeaving = api.get(head, importsOfMember);
        assertThat(afterLeaving.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(detail(afterLeaving)).isEqualTo(notAMemberMessage(member));
        assertThat(api.get(head, pools).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get(member, "/api/orgs/" + code(member) + "/chain/membership").getBody().get("chain").isNull())
                .isTrue();
    }

    @Test
    void removingAMemberEndsTheChainManagersAccessWithTheNextRequest() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(head, member);
        assertThat(api.get(head, "/api/orgs/" + code(member) + "/pools").getStatusCode()).isEqualTo(HttpStatus.OK);

        var removed = api.delete(head, "/api/orgs/" + code(head) + "/chain/members/" + code(member));

        assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(removed.getBody().get("status").asText()).isEqualTo("REMOVED");
        assertThat(removed.getBody().get("endedBy").asText()).isEqualTo(head.adminUser());
        var next = api.get(head, "/api/orgs/" + code(member) + "/pools");
        assertThat(next.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(detail(next)).isEqualTo(notAMemberMessage(member));
        var removeAgain = api.delete(head, "/api/orgs/" + code(head) + "/chain/members/" + code(member));
        assertThat(removeAgain.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(removeAgain)).isEqualTo("Organisation " + code(member)
                + " is not an active member of the chain of " + code(head));
    }

    @Test
    void anAdminOfAnUnrelatedOrganisationIsRefusedEverywhereInAMember() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        Org stranger = world.org(10, 5);
        api.link(head, member);

        var pools = api.get(stranger, "/api/orgs/" + code(member) + "/pools");
        var users = api.get(stranger, "/api/orgs/" + code(member) + "/users");
        var leave = api.post(stranger, "/api/orgs/" + code(member) + "/chain/leave", null);
        var headsMembers = api.get(stranger, "/api/orgs/" + code(head) + "/chain/members");

        assertThat(List.of(pools, users, leave, headsMembers)).allSatisfy(response -> assertThat(
                response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(detail(pools)).isEqualTo(notAMemberMessage(member));
        assertThat(world.count("SELECT COUNT(*) FROM chain_link WHERE member_org_id = ? AND status = 'ACTIVE'",
                member.org().id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM audit_log WHERE actor = ?", stranger.adminUser())).isZero();
    }

    @Test
    void aChainManagerCannotManageTheMembersChainMembershipNorReadItsAuditLog() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(head, member);

        var leave = api.post(head, "/api/orgs/" + code(member) + "/chain/leave", null);
        var audit = api.get(head, "/api/orgs/" + code(member) + "/audit");

        assertThat(leave.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(detail(leave)).isEqualTo("Only the admins of organisation " + code(member) + " (and support) may"
                + " manage its chain membership, administrators and programme permissions and read its audit log;"
                + " chain managers may not");
        assertThat(audit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM chain_link WHERE active_member_id = ?", member.org().id()))
                .isEqualTo(1);
        // the refused attempts are in the member's audit log too
        assertThat(world.count("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND acting_org = ? AND status = 403",
                head.adminUser(), code(member))).isEqualTo(2);
    }

    /** Access lasts as long as the link: a chain manager cannot make themselves a lasting admin of the member. */
    @Test
    void aChainManagerCannotAddAdministratorsProgrammeStaffOrGroupAdminsToTheMember() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(head, member);

        var team = api.post(head, "/api/orgs/" + code(member) + "/team/invitations", Map.of("email",
                head.adminUser() + "@example.org", "firstName", "Head", "lastName", "Manager"));
        var permissions = api.post(head, "/api/orgs/" + code(member) + "/programme-permissions", Map.of("userId",
                head.adminUser(), "role", "LEARNING_MANAGER"));
        var newGroup = api.post(head, "/api/orgs/" + code(member) + "/purchases", Map.of("productCode",
                member.groupPool().productCode(), "seats", 1, "orderReference", World.unique("PO-"), "newGroup",
                Map.of("code", "chain-made", "name", "Made by the head")));

        assertThat(team.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(permissions.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(newGroup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(detail(newGroup)).contains("may open a new group");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND kind = 'ADMIN'",
                member.org().id())).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM learner_group WHERE org_id = ? AND code = 'chain-made'",
                member.org().id())).isZero();
    }

    @Test
    void everyRequestOfAChainManagerInsideAMemberIsAuditedAndTheMembersAdminsCanReadIt() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(head, member);
        api.get(member, "/api/orgs/" + code(member) + "/pools");
        api.get(head, "/api/orgs/" + code(head) + "/pools");

        api.get(head, "/api/orgs/" + code(member) + "/pools");
        api.get(head, "/api/orgs/" + code(member) + "/pools/" + head.programmePool().id() + "/ledger");

        var audit = api.get(member, "/api/orgs/" + code(member) + "/audit");
        assertThat(audit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(audit.getBody()).hasSize(2);
        JsonNode newest = audit.getBody().get(0);
        assertThat(newest.get("actor").asText()).isEqualTo(head.adminUser());
        assertThat(newest.get("homeOrg").asText()).isEqualTo(code(head));
        assertThat(newest.get("actingOrg").asText()).isEqualTo(code(member));
        assertThat(newest.get("method").asText()).isEqualTo("GET");
        assertThat(newest.get("path").asText()).isEqualTo("/api/orgs/" + code(member) + "/pools/"
                + head.programmePool().id() + "/ledger");
        assertThat(newest.get("status").asInt()).isEqualTo(404);
        assertThat(newest.get("at").asText()).isNotBlank();
        assertThat(audit.getBody().get(1).get("path").asText()).isEqualTo("/api/orgs/" + code(member) + "/pools");
        assertThat(audit.getBody().get(1).get("status").asInt()).isEqualTo(200);
        assertThat(world.count("SELECT COUNT(*) FROM audit_log WHERE acting_org = ?", code(head))).isZero();
    }

    @Test
    void aChainManagerSeesTheMembersLearnersWithTheirGroupsLearnerIdsAndInvitations() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        String groupLearner = World.unique("g") + "@example.org";
        String programmeLearner = World.unique("p") + "@example.org";
        importAndApprove(member, "group", "user_email,user_pass,first_name,last_name\n" + groupLearner
                + ",Secret-pass-1,Grace,Group\n");
        importAndApprove(member, "programme", "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "LID-7," + programmeLearner + "," + member.programmeCode() + "," + member.run1()
                + "," + BULK_EXPIRY + "\n");
        assertThat(api.get(head, "/api/orgs/" + code(member) + "/users").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        api.link(head, member);

        var users = api.get(head, "/api/orgs/" + code(member) + "/users");

        assertThat(users.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(users.getBody()).hasSize(2);
        JsonNode grace = find(users.getBody(), groupLearner);
        assertThat(grace.get("firstName").asText()).isEqualTo("Grace");
        assertThat(grace.get("groups")).extracting(JsonNode::asText).containsExactly("team");
        assertThat(grace.get("invitations").get(0).get("kind").asText()).isEqualTo("GROUP");
        JsonNode learner = find(users.getBody(), programmeLearner);
        assertThat(learner.get("externalLearnerId").asText()).isEqualTo("LID-7");
        assertThat(learner.get("invitations").get(0).get("subject").asText())
                .isEqualTo(member.programmeCode() + "/" + member.run1());
        assertThat(learner.get("invitations").get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(api.get(head, "/api/orgs/" + code(member) + "/users?limit=1&offset=1").getBody()).hasSize(1);
        assertThat(api.get(member, "/api/orgs/" + code(member) + "/users").getBody()).hasSize(2);
    }

    private void importAndApprove(Org org, String format, String csv) {
        ImportJob job = ImportAwait.until(imports, world.submit(org, format, csv), ImportStatus.AWAITING_REVIEW);
        imports.decide(code(org), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
    }

    private static JsonNode find(JsonNode users, String email) {
        for (JsonNode user : users) {
            if (user.get("email").asText().equalsIgnoreCase(email)) {
                return user;
            }
        }
        throw new AssertionError("no user " + email + " in " + users);
    }

    @Test
    void supportMayReadAnyOrganisationsChainAndAuditWithoutBeingAudited() {
        Org head = world.org(10, 5);
        Org member = world.org(10, 5);
        api.link(head, member);

        var members = http.withBasicAuth("support", "support-demo-pass")
                .getForEntity("/api/orgs/" + code(head) + "/chain/members", JsonNode.class);
        var audit = http.withBasicAuth("support", "support-demo-pass")
                .getForEntity("/api/orgs/" + code(member) + "/audit", JsonNode.class);

        assertThat(members.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(members.getBody().get(0).get("member").asText()).isEqualTo(code(member));
        assertThat(audit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(audit.getBody()).isEmpty();
    }
}
