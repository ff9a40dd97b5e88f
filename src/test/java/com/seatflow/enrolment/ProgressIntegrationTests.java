package com.seatflow.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.group.GroupSteps;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.Identities;

/** Progress: events from the learning platform, the group leaders' views of it, and the weekly report job. */
@SeatflowIntegrationTest
class ProgressIntegrationTests {

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
    ImportManagement imports;
    @Autowired
    JobLauncher jobLauncher;
    @Autowired
    @Qualifier("groupProgressReport")
    Job groupProgressReport;
    @Autowired
    ProgressReports reports;

    GroupSteps steps;
    String platform;

    @BeforeEach
    void setUp() {
        steps = new GroupSteps(http, jdbc, identities, licensing);
        platform = World.unique("lms");
        identities.createUser(platform, "Learning", "Platform", null, "password-" + platform);
        identities.addToGroup(platform, ProgressRoles.PLATFORM, "Learning platform");
    }

    private ResponseEntity<JsonNode> report(TestRestTemplate as, String eventId, String email, String product,
            String type, Integer percent, String at) {
        Map<String, Object> event = new HashMap<>(Map.of("eventId", eventId, "email", email, "productCode", product,
                "type", type, "at", at));
        if (percent != null) {
            event.put("percent", percent);
        }
        return as.postForEntity("/api/progress-events", event, JsonNode.class);
    }

    private ResponseEntity<JsonNode> report(String eventId, String email, String product, String type, Integer percent,
            String at) {
        return report(steps.as(platform), eventId, email, product, type, percent, at);
    }

    private Map<String, Object> enrolment(String email, SeatPool pool) {
        return jdbc.sql("""
                SELECT e.status, e.progress, e.first_activity_at, e.last_activity_at, e.completed_at FROM enrolment e
                  JOIN user_account u ON u.id = e.user_id WHERE u.email_norm = ? AND e.pool_id = ?""")
                .params(email.toLowerCase(), pool.id()).query().singleRow();
    }

    private int events(String eventId) {
        return world.count("SELECT COUNT(*) FROM progress_event WHERE event_id = ?", eventId);
    }

    @Test
    void theLearningPlatformReportsProgressAndEachEventCountsOnlyOnce() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        String module = org.groupPool().productCode();
        String progressEvent = World.unique("ev");

        var started = report(World.unique("ev"), email, module, "STARTED", null, "2026-02-01T08:00:00Z");
        var progress = report(progressEvent, email, module, "PROGRESS", 40, "2026-02-03T08:00:00Z");
        var again = report(progressEvent, email, module, "PROGRESS", 90, "2026-02-04T08:00:00Z");
        var olderAndLower = report(World.unique("ev"), email, module, "PROGRESS", 20, "2026-02-02T08:00:00Z");

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(started.getBody().get("duplicate").asBoolean()).isFalse();
        assertThat(progress.getBody().get("progress").asInt()).isEqualTo(40);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("duplicate").asBoolean()).isTrue();
        assertThat(again.getBody().get("progress").asInt()).isEqualTo(40);
        assertThat(olderAndLower.getBody().get("progress").asInt()).isEqualTo(40);
        assertThat(events(progressEvent)).isEqualTo(1);
        Map<String, Object> state = enrolment(email, org.groupPool());
        assertThat(state.get("status")).isEqualTo("ACTIVE");
        assertThat(((Number) state.get("progress")).intValue()).isEqualTo(40);

        var completed = report(World.unique("ev"), email, module, "COMPLETED", null, "2026-02-10T08:00:00Z");

        assertThat(completed.getBody().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.getBody().get("progress").asInt()).isEqualTo(100);
        JsonNode row = steps.asAdmin(org).getForEntity(GroupSteps.groupPath(org) + "/progress", JsonNode.class)
                .getBody().get(0);
        assertThat(row.get("startedAt").asText()).isEqualTo("2026-02-01T08:00:00Z");
        assertThat(row.get("lastActivityAt").asText()).isEqualTo("2026-02-10T08:00:00Z");
        assertThat(row.get("completedAt").asText()).isEqualTo("2026-02-10T08:00:00Z");
    }

    @Test
    void onlyTheLearningPlatformAndSupportMayReportProgress() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        String leader = steps.groupAdmin(org.group());
        String module = org.groupPool().productCode();
        String eventId = World.unique("ev");

        var admin = report(steps.asAdmin(org), eventId, email, module, "STARTED", null, "2026-02-01T08:00:00Z");
        var groupAdmin = report(steps.as(leader), eventId, email, module, "STARTED", null, "2026-02-01T08:00:00Z");
        var anonymous = report(http, eventId, email, module, "STARTED", null, "2026-02-01T08:00:00Z");
        assertThat(events(eventId)).isZero();
        var support = report(http.withBasicAuth("support", "support-demo-pass"), eventId, email, module, "STARTED",
                null, "2026-02-01T08:00:00Z");

        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(groupAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(support.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(events(eventId)).isEqualTo(1);
    }

    @Test
    void badOrUnmatchedEventsAreRefusedWithTheReasonAndRecordNothing() {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        String removed = steps.member(org);
        steps.remove(steps.asAdmin(org), org, removed, null);
        String module = org.groupPool().productCode();
        String at = "2026-02-01T08:00:00Z";

        var noPercent = report("e1-" + email, email, module, "PROGRESS", null, at);
        var tooMuch = report("e2-" + email, email, module, "PROGRESS", 150, at);
        var unknownLearner = report("e3-" + email, "nobody-" + email, module, "STARTED", null, at);
        var notEnrolled = report("e4-" + email, email, org.programmeCode(), "STARTED", null, at);
        var unknownProduct = report("e5-" + email, email, "NO-SUCH-PRODUCT", "STARTED", null, at);
        var wasRemoved = report("e6-" + email, removed, module, "STARTED", null, at);
        var inTheFuture = report("e7-" + email, email, module, "STARTED", null,
                java.time.Instant.now().plus(java.time.Duration.ofHours(1)).toString());
        var beforeTheYearOne = report("e8-" + email, email, module, "STARTED", null, "-999999999-01-01T00:00:00Z");

        assertThat(noPercent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noPercent.getBody().get("detail").asText()).isEqualTo("percent is required for a PROGRESS event");
        assertThat(tooMuch.getBody().get("detail").asText()).isEqualTo("percent must be between 0 and 100, was 150");
        assertThat(unknownLearner.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notEnrolled.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notEnrolled.getBody().get("detail").asText()).contains("is not enrolled on");
        assertThat(unknownProduct.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(wasRemoved.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(wasRemoved.getBody().get("detail").asText()).contains("was removed");
        assertThat(inTheFuture.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(inTheFuture.getBody().get("detail").asText()).contains("is in the future");
        assertThat(beforeTheYearOne.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(beforeTheYearOne.getBody().get("detail").asText()).isEqualTo("at '-999999999-01-01T00:00:00Z' is "
                + "out of range: the year must be from 1 to 9999");
        assertThat(world.count("SELECT COUNT(*) FROM progress_event WHERE event_id LIKE ?", "%-" + email)).isZero();
        assertThat(((Number) enrolment(email, org.groupPool()).get("progress")).intValue()).isZero();
    }

    @Test
    void groupLeadersSeeEachMemberOnEachOfTheGroupsModules() {
        Org org = world.org(1, 5);
        SeatPool second = steps.addModule(org, 5, null);
        String leader = steps.groupAdmin(org.group());
        String ada = steps.member(org);
        String bob = steps.member(org);
        String invited = World.unique("inv") + "@example.org";
        ImportJob job = ImportAwait.until(imports, world.submit(org, "group",
                "user_email,user_pass,first_name,last_name\n" + invited + ",,Ivy,Invited\n"), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        report(World.unique("ev"), ada, second.productCode(), "PROGRESS", 55, "2026-02-01T08:00:00Z");

        ResponseEntity<JsonNode> progress = steps.as(leader).getForEntity(GroupSteps.groupPath(org) + "/progress",
                JsonNode.class);

        assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(progress.getBody()).hasSize(6);
        assertThat(progress.getBody().findValuesAsText("email")).containsOnly(ada, bob, invited);
        JsonNode adaOnSecond = null;
        for (JsonNode row : progress.getBody()) {
            if (row.get("email").asText().equals(ada) && row.get("moduleCode").asText().equals(second.productCode())) {
                adaOnSecond = row;
            }
            if (row.get("email").asText().equals(invited)) {
                assertThat(row.get("status").asText()).isEqualTo("NOT_ENROLLED");
            }
        }
        assertThat(adaOnSecond).isNotNull();
        assertThat(adaOnSecond.get("progress").asInt()).isEqualTo(55);
        assertThat(adaOnSecond.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(adaOnSecond.get("moduleName").asText()).isEqualTo("Second module");
    }

    @Test
    void theProgressCsvNeutralisesFormulasInEveryTextCell() throws Exception {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        String email = World.unique("csv") + "@example.org";
        ResponseEntity<JsonNode> redeemed = http.postForEntity("/api/keys/redeem", Map.of("code", code, "email", email,
                "firstName", "=HYPERLINK(\"http://evil\")", "lastName", "+SUM(A1)", "password",
                GroupSteps.LEARNER_PASSWORD), JsonNode.class);
        assertThat(redeemed.getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> csv = steps.asAdmin(org).getForEntity(GroupSteps.groupPath(org) + "/progress.csv",
                String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("_progress.csv");
        List<CSVRecord> rows = parse(csv.getBody());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("first_name")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(0).get("last_name")).isEqualTo("'+SUM(A1)");
        assertThat(rows.get(0).get("email")).isEqualTo(email);
        assertThat(rows.get(0).get("status")).isEqualTo("ACTIVE");
        assertThat(rows.get(0).get("progress")).isEqualTo("0");
    }

    @Test
    void theWeeklyReportJobWritesOneProgressFilePerGroup() throws Exception {
        Org org = world.org(1, 5);
        String email = steps.member(org);
        report(World.unique("ev"), email, org.groupPool().productCode(), "PROGRESS", 70, "2026-02-01T08:00:00Z");
        Org empty = world.org(1, 5);
        LocalDateTime runAt = LocalDateTime.now(ZoneOffset.UTC);

        var execution = jobLauncher.run(groupProgressReport,
                new JobParametersBuilder().addLocalDateTime("runAt", runAt).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path file = reports.folder().resolve(org.org().code() + "_team_progress_" + runAt.toLocalDate() + ".csv");
        assertThat(file).exists();
        List<CSVRecord> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("email")).isEqualTo(email);
            assertThat(row.get("module")).isEqualTo(org.groupPool().productCode());
            assertThat(row.get("progress")).isEqualTo("70");
        });
        assertThat(reports.folder().resolve(empty.org().code() + "_team_progress_" + runAt.toLocalDate()
                + ".csv")).doesNotExist();
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords();
    }
}
