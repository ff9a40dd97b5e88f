package com.seatflow.programme;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/**
 * Bulk programme invitations by a programme learner admin: limited to the programmes they administer, and only
 * their programmes' imports are visible to them.
 */
@SeatflowIntegrationTest
class ProgrammeLearnerAdminImportTests {

    private static final String HEADER = "external_learner_id,email,program_code,program_run_code,expiry_time\n";

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Identities identities;
    @Autowired
    ProgrammePermissions permissions;
    @Autowired
    TaskService tasks;

    private String learnerAdmin(Org org, String... programmeCodes) {
        String id = World.unique("pla");
        identities.createUser(id, "Pat", "Admin", id + "@example.org", "password-" + id);
        for (String code : programmeCodes) {
            permissions.grant(org.org().code(), new ProgrammePermissions.Grant(id,
                    ProgrammePermissions.Role.PROGRAMME_LEARNER_ADMIN, code));
        }
        return id;
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "password-" + user);
    }

    private static String row(String learnerId, String programme, String run) {
        return learnerId + "," + World.unique("l") + "@example.org," + programme + "," + run + "," + BULK_EXPIRY + "\n";
    }

    private static ResponseEntity<JsonNode> upload(TestRestTemplate as, Org org, String format, String csv) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("format", format);
        body.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return format + ".csv";
            }
        });
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        String group = "group".equals(format) ? "?group=team" : "";
        return as.postForEntity("/api/orgs/" + org.org().code() + "/imports" + group, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private static String statusOnceSettled(TestRestTemplate as, Org org, long id) {
        String path = "/api/orgs/" + org.org().code() + "/imports/" + id;
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> as.getForEntity(path, JsonNode.class).getBody().get("importJob").get("status").asText(),
                status -> !List.of("RECEIVED", "VALIDATING", "COMMITTING", "QUEUED").contains(status));
    }

    private static List<Long> listedIds(TestRestTemplate as, Org org) {
        List<Long> ids = new ArrayList<>();
        as.getForEntity("/api/orgs/" + org.org().code() + "/imports", JsonNode.class).getBody()
                .forEach(job -> ids.add(job.get("id").asLong()));
        return ids;
    }

    @Test
    void aProgrammeLearnerAdminUploadsAFileOfTheirProgrammeReviewsItAndTheInvitationsAreSent() {
        Org org = world.org(10, 1);
        String admin = learnerAdmin(org, org.programmeCode());
        var asAdmin = as(admin);

        var uploaded = upload(asAdmin, org, "programme", HEADER + row("P-1", org.programmeCode(), org.run1())
                + row("P-2", org.programmeCode(), org.run2()));

        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(uploaded.getBody().get("programmeScope").asText()).isEqualTo(org.programmeCode());
        long id = uploaded.getBody().get("id").asLong();
        assertThat(statusOnceSettled(asAdmin, org, id)).isEqualTo("AWAITING_REVIEW");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(id))
                .taskCandidateGroup(OrgRoles.programmeLearnerAdmins(org.org().code(), org.programmeCode())).count())
                .isEqualTo(1);
        var approved = asAdmin.postForEntity("/api/orgs/" + org.org().code() + "/imports/" + id + "/approve", null,
                String.class);
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(statusOnceSettled(asAdmin, org, id)).isEqualTo("COMPLETED");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ? AND status = 'PENDING'", id))
                .isEqualTo(2);
    }

    @Test
    void aRowOfAnotherProgrammeIsAnErrorAtItsRowAndTheWholeFileIsRejected() {
        Org org = world.org(10, 1);
        Org elsewhere = world.org(10, 1);
        String admin = learnerAdmin(org, org.programmeCode());
        var asAdmin = as(admin);

        var uploaded = upload(asAdmin, org, "programme", HEADER + row("P-3", org.programmeCode(), org.run1())
                + row("P-4", elsewhere.programmeCode(), elsewhere.run1()));

        long id = uploaded.getBody().get("id").asLong();
        assertThat(statusOnceSettled(asAdmin, org, id)).isEqualTo("REJECTED");
        var errors = asAdmin.getForEntity("/api/orgs/" + org.org().code() + "/imports/" + id + "/errors",
                JsonNode.class).getBody();
        assertThat(errors).hasSize(1);
        JsonNode error = errors.get(0);
        assertThat(error.get("rowNumber").asInt()).isEqualTo(3);
        assertThat(error.get("column").asText()).isEqualTo("program_code");
        assertThat(error.get("value").asText()).isEqualTo(elsewhere.programmeCode());
        assertThat(error.get("reason").asText()).contains("only to the programmes you administer")
                .contains(org.programmeCode());
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
    }

    @Test
    void theSameFileFromALearningManagerIsNotLimited() {
        Org org = world.org(10, 1);
        Org elsewhere = world.org(10, 1);
        String csv = HEADER + row("P-5", org.programmeCode(), org.run1())
                + row("P-6", elsewhere.programmeCode(), elsewhere.run1());

        var uploaded = upload(http.withBasicAuth(org.adminUser(), org.adminPassword()), org, "programme", csv);

        long id = uploaded.getBody().get("id").asLong();
        assertThat(uploaded.getBody().get("programmeScope").isNull()).isTrue();
        assertThat(statusOnceSettled(http.withBasicAuth(org.adminUser(), org.adminPassword()), org, id))
                .isEqualTo("REJECTED");
        // rejected for the seats this organisation lacks for the other programme, not for its code
        var errors = http.withBasicAuth(org.adminUser(), org.adminPassword()).getForEntity("/api/orgs/"
                + org.org().code() + "/imports/" + id + "/errors", String.class).getBody();
        assertThat(errors).doesNotContain("programmes you administer");
    }

    @Test
    void aProgrammeLearnerAdminSeesOnlyTheImportsOfTheirProgrammes() {
        Org org = world.org(10, 1);
        Org elsewhere = world.org(10, 1);
        String mine = learnerAdmin(org, org.programmeCode());
        String colleague = learnerAdmin(org, org.programmeCode());
        String other = learnerAdmin(org, elsewhere.programmeCode());
        long myImport = upload(as(mine), org, "programme", HEADER + row("P-7", org.programmeCode(), org.run1()))
                .getBody().get("id").asLong();
        long managersImport = upload(http.withBasicAuth(org.adminUser(), org.adminPassword()), org, "programme",
                HEADER + row("P-8", org.programmeCode(), org.run2())).getBody().get("id").asLong();
        long groupImport = world.submit(org, "group", "user_email,user_pass,first_name,last_name\n"
                + World.unique("g") + "@example.org,long-enough-pass,Gil,Group\n").id();
        statusOnceSettled(as(mine), org, myImport);
        String base = "/api/orgs/" + org.org().code() + "/imports/";

        assertThat(listedIds(as(mine), org)).containsExactly(myImport);
        assertThat(listedIds(as(colleague), org)).containsExactly(myImport);
        assertThat(listedIds(as(other), org)).isEmpty();
        assertThat(as(colleague).getForEntity(base + myImport, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String path : List.of(base + myImport, base + myImport + "/errors", base + myImport + "/errors.csv",
                base + myImport + "/annotated.csv")) {
            assertThat(as(other).getForEntity(path, String.class).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(as(other).postForEntity(base + myImport + "/reject", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(mine).getForEntity(base + managersImport, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(mine).getForEntity(base + groupImport, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(as(mine).postForEntity(base + managersImport + "/cancel", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(listedIds(http.withBasicAuth(org.adminUser(), org.adminPassword()), org))
                .contains(myImport, managersImport, groupImport);
    }

    @Test
    void aProgrammeLearnerAdminMayUploadProgrammeFilesOnlyAndSomeoneWithNeitherPermissionNothing() {
        Org org = world.org(10, 1);
        String admin = learnerAdmin(org, org.programmeCode());
        String nobody = learnerAdmin(org);

        var groupFile = upload(as(admin), org, "group", "user_email,user_pass,first_name,last_name\n");
        var asNobody = upload(as(nobody), org, "programme", HEADER + row("P-9", org.programmeCode(), org.run1()));
        var nobodyLists = as(nobody).getForEntity("/api/orgs/" + org.org().code() + "/imports", String.class);

        assertThat(groupFile.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(groupFile.getBody().toString()).contains("programme files only");
        assertThat(asNobody.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(nobodyLists.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE org_id = ?", org.org().id())).isZero();
    }
}
