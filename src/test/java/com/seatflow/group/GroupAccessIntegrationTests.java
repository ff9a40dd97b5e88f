package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.ImportAwait;
import com.seatflow.WebappSession;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.OrganisationManagement;

/** Who reaches a group: its own administrators, the organisation's admins and support; nobody else. */
@SeatflowIntegrationTest
class GroupAccessIntegrationTests {

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
    OrganisationManagement organisations;
    @Autowired
    KeyThrottle throttle;
    @Autowired
    ImportManagement imports;
    @Autowired
    GroupManagement groups;

    GroupSteps steps;

    @BeforeEach
    void setUp() {
        steps = new GroupSteps(http, jdbc, identities, licensing);
        throttle.forgetAll();
    }

    /** A second group, "sales", in the organisation, with its own module and seats. */
    private LearnerGroup sales(Org org) {
        LearnerGroup sales = organisations.createGroup(org.org().id(), "sales", "Sales of " + org.org().code());
        var module = licensing.createProduct(World.unique("MOD-"), "Sales module", "MODULE");
        licensing.purchase(org.org().id(), sales.id(), module.id(), null, 3, null, "test", World.unique("ORDER-"));
        return sales;
    }

    private static String path(Org org, String group) {
        return "/api/orgs/" + org.org().code() + "/groups/" + group;
    }

    private int keys(LearnerGroup group) {
        return world.count("SELECT COUNT(*) FROM enrolment_key WHERE group_id = ?", group.id());
    }

    @Test
    void aGroupAdminSeesAndRunsTheirOwnGroup() {
        Org org = world.org(1, 5);
        String leader = steps.groupAdmin(org.group());
        String member = steps.member(org);
        TestRestTemplate as = steps.as(leader);

        assertThat(as.getForEntity(path(org, "team"), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as.getForEntity(path(org, "team") + "/members", JsonNode.class).getBody()
                .findValuesAsText("email")).containsExactly(member);
        assertThat(as.getForEntity(path(org, "team") + "/progress", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(steps.generate(as, org, Map.of("count", 1)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(steps.remove(as, org, member, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aGroupAdminCannotSeeOrChangeAnotherGroupOfTheSameOrganisation() {
        Org org = world.org(1, 5);
        LearnerGroup sales = sales(org);
        String leader = steps.groupAdmin(org.group());
        String salesAdmin = steps.groupAdmin(sales);
        String salesMember = steps.member(org);
        jdbc.sql("INSERT INTO group_member (group_id, user_id, added_at) SELECT ?, id, ? FROM user_account WHERE email_norm = ?")
                .params(sales.id(), OffsetDateTime.now(), salesMember).update();
        TestRestTemplate as = steps.as(leader);

        var overview = as.getForEntity(path(org, "sales"), JsonNode.class);
        var progress = as.getForEntity(path(org, "sales") + "/progress.csv", String.class);
        var keys = as.postForEntity(path(org, "sales") + "/keys", Map.of("count", 1), JsonNode.class);
        var removal = as.exchange(path(org, "sales") + "/members/" + salesMember,
                HttpMethod.DELETE, null, JsonNode.class);
        var orgWide = as.getForEntity("/api/orgs/" + org.org().code() + "/imports", String.class);

        assertThat(overview.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(keys.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(orgWide.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(keys(sales)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", sales.id())).isEqualTo(1);
        assertThat(steps.as(salesAdmin).getForEntity(path(org, "sales"), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /** Seeds 002 and 003: the group leader adds seats and modules from the group's own page, for that group only. */
    @Test
    void aGroupAdminAddsSeatsAndModulesToTheirOwnGroupOnly() {
        Org org = world.org(1, 5);
        LearnerGroup sales = sales(org);
        String leader = steps.groupAdmin(org.group());
        String member = steps.member(org);
        TestRestTemplate as = steps.as(leader);
        String moduleCode = org.groupPool().productCode();
        var later = licensing.createProduct(World.unique("MOD-"), "Added by the leader", "MODULE");

        var seats = as.postForEntity(path(org, "team") + "/seats", Map.of("productCode", moduleCode, "seats", 2,
                "orderReference", "LEAD-1"), JsonNode.class);
        var module = as.postForEntity(path(org, "team") + "/modules", Map.of("productCode", later.code(), "seats", 3,
                "orderReference", "LEAD-2"), JsonNode.class);
        var notYetHeld = as.postForEntity(path(org, "team") + "/seats", Map.of("productCode",
                org.programmePool().productCode(), "seats", 1, "orderReference", "LEAD-3"), JsonNode.class);
        var otherGroup = as.postForEntity(path(org, "sales") + "/modules", Map.of("productCode", later.code(),
                "seats", 3, "orderReference", "LEAD-4"), JsonNode.class);
        var orgWide = as.postForEntity("/api/orgs/" + org.org().code() + "/purchases", Map.of("productCode",
                later.code(), "seats", 3, "orderReference", "LEAD-5"), JsonNode.class);

        assertThat(seats.getStatusCode()).as("%s", seats.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(seats.getBody().at("/pool/total").asInt()).isEqualTo(7);
        assertThat(licensing.pool(org.groupPool().id()).total()).isEqualTo(7);
        assertThat(module.getStatusCode()).as("%s", module.getBody()).isEqualTo(HttpStatus.CREATED);
        long modulePool = module.getBody().at("/pool/id").asLong();
        assertThat(licensing.pool(modulePool).groupId()).isEqualTo(org.group().id());
        assertThat(world.count("SELECT COUNT(*) FROM enrolment e JOIN user_account u ON u.id = e.user_id "
                + "WHERE e.pool_id = ? AND u.email_norm = ? AND e.status = 'ACTIVE'", modulePool, member))
                .as("the member gets the new module").isEqualTo(1);
        assertThat(notYetHeld.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notYetHeld.getBody().get("detail").asText()).contains("/groups/team/modules");
        assertThat(otherGroup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(orgWide.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM seat_pool WHERE group_id = ?", sales.id())).isEqualTo(1);
        assertThat(licensing.drift()).noneMatch(d -> d.poolId() == modulePool || d.poolId() == org.groupPool().id());
    }

    private static HttpEntity<LinkedMultiValueMap<String, Object>> csvUpload(String csv) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "learners.csv";
            }
        });
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    /** Seed 003, option 3: the group leader uploads a CSV of learners into their group, follows it and decides it. */
    @Test
    void aGroupAdminUploadsACsvOfLearnersIntoTheirOwnGroupOnly() {
        Org org = world.org(1, 5);
        sales(org);
        String leader = steps.groupAdmin(org.group());
        TestRestTemplate as = steps.as(leader);
        String learner = World.unique("csv") + "@example.org";
        String csv = "user_email,user_pass,first_name,last_name\n" + learner + ",a-long-password,Cee,Esv\n";

        ResponseEntity<JsonNode> uploaded = as.postForEntity(path(org, "team") + "/imports", csvUpload(csv),
                JsonNode.class);
        ResponseEntity<JsonNode> intoOtherGroup = as.postForEntity(path(org, "sales") + "/imports",
                csvUpload(csv.replace("csv", "other")), JsonNode.class);

        assertThat(uploaded.getStatusCode()).as("%s", uploaded.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(intoOtherGroup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        long id = uploaded.getBody().get("id").asLong();
        assertThat(uploaded.getBody().get("groupCode").asText()).isEqualTo("team");
        assertThat(uploaded.getBody().get("uploadedBy").asText()).isEqualTo(leader);
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.AWAITING_REVIEW);
        assertThat(as.getForEntity(path(org, "team") + "/imports", JsonNode.class).getBody().findValuesAsText("id"))
                .containsExactly(Long.toString(id));
        assertThat(as.getForEntity(path(org, "team") + "/imports/" + id, JsonNode.class).getBody()
                .at("/importJob/status").asText()).isEqualTo("AWAITING_REVIEW");
        assertThat(as.getForEntity(path(org, "sales") + "/imports/" + id, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> approved = as.postForEntity(path(org, "team") + "/imports/" + id + "/approve",
                Map.of("comment", "checked"), JsonNode.class);

        assertThat(approved.getStatusCode()).as("%s", approved.getBody()).isEqualTo(HttpStatus.OK);
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.COMPLETED);
        assertThat(as.getForEntity(path(org, "team") + "/members", JsonNode.class).getBody()
                .findValuesAsText("email")).contains(learner);
        // the file gave the learner a password: in the group at once, as seed 003 wants for every way in
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE email_norm = ? AND group_id = ? "
                + "AND status = 'ACCEPTED'", learner, org.group().id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment e JOIN user_account u ON u.id = e.user_id "
                + "WHERE u.email_norm = ? AND e.status = 'ACTIVE'", learner)).isEqualTo(1);
    }

    /**
     * A group's upload is offered to that group's administrators in the Tasklist, whether their right was granted
     * before the Tasklist knew of it (recorded directly, as {@code steps.groupAdmin} does) or the usual way; the leader
     * of another group never sees it.
     */
    @Test
    void aGroupAdminReviewsTheirGroupsUploadInTheTasklist() {
        Org org = world.org(1, 5);
        LearnerGroup sales = sales(org);
        String leader = steps.groupAdmin(org.group());
        String salesLeader = World.unique("sl");
        identities.createUser(salesLeader, "Sal", "Leader", salesLeader + "@example.org", "password-" + salesLeader);
        groups.grantAdmin(sales.id(), salesLeader, "test");
        String learner = World.unique("tl") + "@example.org";
        ResponseEntity<JsonNode> uploaded = steps.as(leader).postForEntity(path(org, "team") + "/imports",
                csvUpload("user_email,user_pass,first_name,last_name\n" + learner + ",,Tee,Ell\n"), JsonNode.class);
        long id = uploaded.getBody().get("id").asLong();
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.AWAITING_REVIEW);
        String tasksOfImport = "/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + id;

        WebappSession tasklist = WebappSession.signIn(http, leader, "password-" + leader);
        JsonNode offered = tasklist.exchange(HttpMethod.GET, tasksOfImport, null, JsonNode.class).getBody();
        JsonNode offeredToSalesLeader = WebappSession.signIn(http, salesLeader, "password-" + salesLeader)
                .exchange(HttpMethod.GET, tasksOfImport, null, JsonNode.class).getBody();

        assertThat(identities.groupsOf(salesLeader)).contains(OrgRoles.groupAdmins(sales.id()));
        assertThat(offeredToSalesLeader).isEmpty();
        assertThat(offered).hasSize(1);
        String task = "/camunda/api/engine/engine/default/task/" + offered.get(0).get("id").asText();
        // what the Tasklist loads to show the review form
        assertThat(tasklist.exchange(HttpMethod.GET, task + "/deployed-form", null, String.class).getBody())
                .contains("cam-variable-name=\"approved\"");
        assertThat(tasklist.exchange(HttpMethod.GET, task + "/form-variables", null, JsonNode.class).getBody()
                .at("/fileName/value").asText()).isEqualTo("learners.csv");
        assertThat(tasklist.exchange(HttpMethod.POST, task + "/claim", Map.of("userId", leader), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var completed = tasklist.exchange(HttpMethod.POST, task + "/submit-form", Map.of("variables", Map.of(
                "approved", Map.of("value", true, "type", "Boolean"),
                "reviewComment", Map.of("value", "our new starter", "type", "String"))), String.class);
        assertThat(completed.getStatusCode()).as("%s", completed).isEqualTo(HttpStatus.NO_CONTENT);
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.COMPLETED);
        assertThat(imports.find(org.org().code(), id).reviewedBy()).isEqualTo(leader);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ? AND email_norm = ?", id, learner))
                .isEqualTo(1);
    }

    /** The demo's group leader (README): runs acme's group sales, in the API and the Tasklist, and nothing else of acme. */
    @Test
    void theDemoGroupLeaderRunsAcmesSalesGroupOnly() {
        long acme = organisations.findByCode("acme").orElseThrow().id();
        LearnerGroup demoSales = organisations.findGroup(acme, "sales").orElseThrow();
        TestRestTemplate asLead = http.withBasicAuth("sales-lead", "sales-demo-pass");

        assertThat(asLead.getForEntity("/api/orgs/acme/groups/sales", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(asLead.getForEntity("/api/orgs/acme/imports", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(identities.groupsOf("sales-lead")).containsExactly(OrgRoles.groupAdmins(demoSales.id()));
        JsonNode signedIn = WebappSession.signIn(http, "sales-lead", "sales-demo-pass")
                .exchange(HttpMethod.GET, "/camunda/api/admin/auth/user/default", null, JsonNode.class).getBody();
        assertThat(signedIn.get("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit");
    }

    @Test
    void aGroupAdminCannotSeeOrChangeAGroupOfAnotherOrganisation() {
        Org org = world.org(1, 5);
        Org other = world.org(1, 5);
        String leader = steps.groupAdmin(org.group());
        String otherMember = steps.member(other);
        TestRestTemplate as = steps.as(leader);

        var overview = as.getForEntity(path(other, "team"), JsonNode.class);
        var progress = as.getForEntity(path(other, "team") + "/progress", JsonNode.class);
        var keysList = as.getForEntity(path(other, "team") + "/keys", JsonNode.class);
        var keys = steps.generate(as, other, Map.of("count", 1));
        var removal = steps.remove(as, other, otherMember, null);

        assertThat(overview.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(keysList.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(keys.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(removal.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(keys(other.group())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", other.group().id()))
                .isEqualTo(1);
    }

    @Test
    void theOrganisationsAdminsAndSupportReachEveryGroupOfItAndOtherAdminsNone() {
        Org org = world.org(1, 5);
        Org other = world.org(1, 5);
        sales(org);

        var admin = steps.asAdmin(org).getForEntity(path(org, "sales"), JsonNode.class);
        var support = http.withBasicAuth("support", "support-demo-pass").getForEntity(path(org, "sales") + "/progress",
                JsonNode.class);
        var otherAdmin = steps.asAdmin(other).getForEntity(path(org, "team"), JsonNode.class);
        var anonymous = http.getForEntity(path(org, "team"), String.class);
        var unknown = steps.asAdmin(org).getForEntity(path(org, "nope"), JsonNode.class);

        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(admin.getBody().get("groupName").asText()).isEqualTo("Sales of " + org.org().code());
        assertThat(support.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(otherAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("detail").asText()).contains("has no group 'nope'");
    }

    @Test
    void theOrganisationsListOfGroupsStaysWithItsAdminsAndSupport() {
        Org org = world.org(1, 5);
        String leader = steps.groupAdmin(org.group());
        String groups = "/api/orgs/" + org.org().code() + "/groups";

        assertThat(steps.asAdmin(org).getForEntity(groups, JsonNode.class).getBody().findValuesAsText("code"))
                .containsExactly("team");
        assertThat(http.withBasicAuth("support", "support-demo-pass").getForEntity(groups, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(steps.as(leader).getForEntity(groups, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void myGroupsListsEveryGroupTheCallerAdministersWithSeatsUsedAndFreePerModule() {
        Org org = world.org(1, 5);
        Org other = world.org(1, 2);
        sales(org);
        String leader = steps.groupAdmin(org.group());
        jdbc.sql("INSERT INTO group_admin (group_id, user_id, granted_by, granted_at) VALUES (?, ?, 'test', ?)")
                .params(other.group().id(), leader, OffsetDateTime.now()).update();
        steps.addModule(org, 10, Instant.now().plus(Duration.ofDays(90)));
        steps.member(org);
        steps.member(org);

        ResponseEntity<JsonNode> mine = steps.as(leader).getForEntity("/api/me/groups", JsonNode.class);
        ResponseEntity<JsonNode> someoneElses = steps.asAdmin(org).getForEntity("/api/me/groups", JsonNode.class);

        assertThat(mine.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(mine.getBody()).hasSize(2);
        assertThat(mine.getBody().findValuesAsText("orgCode")).containsExactlyInAnyOrder(org.org().code(),
                other.org().code());
        JsonNode team = mine.getBody().get(0).get("orgCode").asText().equals(org.org().code()) ? mine.getBody().get(0)
                : mine.getBody().get(1);
        assertThat(team.get("groupCode").asText()).isEqualTo("team");
        assertThat(team.get("members").asInt()).isEqualTo(2);
        assertThat(team.get("administrators").get(0).asText()).isEqualTo(leader);
        assertThat(team.get("modules")).hasSize(2);
        JsonNode first = team.get("modules").get(0);
        assertThat(first.get("moduleCode").asText()).isEqualTo(org.groupPool().productCode());
        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("consumed").asInt()).isEqualTo(2);
        assertThat(first.get("used").asInt()).isEqualTo(2);
        assertThat(first.get("free").asInt()).isEqualTo(3);
        assertThat(team.get("modules").get(1).get("used").asInt()).isEqualTo(2);
        assertThat(team.get("modules").get(1).get("free").asInt()).isEqualTo(8);
        assertThat(someoneElses.getBody()).isEmpty();
        assertThat(http.getForEntity("/api/me/groups", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theOpenApiDocumentDescribesTheGroupEndpoints() {
        ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode paths = docs.getBody().get("paths");
        assertThat(paths.has("/api/me/groups")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/groups/{group}/keys").has("post")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/groups/{group}/keys").has("get")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/groups/{group}/members/{email}").has("delete")).isTrue();
        assertThat(paths.has("/api/orgs/{org}/groups/{group}/progress")).isTrue();
        assertThat(paths.has("/api/orgs/{org}/groups/{group}/progress.csv")).isTrue();
        assertThat(paths.has("/api/orgs/{org}/groups/{group}/refunds")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/groups/{group}/seats").has("post")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/groups/{group}/modules").has("post")).isTrue();
        assertThat(paths.has("/api/keys/redeem")).isTrue();
        assertThat(paths.has("/api/progress-events")).isTrue();
    }
}
