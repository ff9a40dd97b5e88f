package com.seatflow.imports.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportFormats;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.organisation.OrgRoles;

/** The import REST API as a client sees it: uploads, error reports, downloads, templates and who may do what. */
@SeatflowIntegrationTest
class ImportApiIntegrationTests {

    static final String PROGRAMME_HEADER = "external_learner_id,email,program_code,program_run_code,expiry_time";
    static final String GROUP_HEADER = "user_email,user_pass,first_name,last_name";
    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/\",\"click\")";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    ImportFormats formats;
    @Autowired
    java.time.Clock clock;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    TaskService tasks;

    // ---- helpers ----

    static String inDays(long days) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .format(Instant.now().plus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
    }

    static String mail(Org org, String local) {
        return local + "@" + org.org().code() + ".example.org";
    }

    static String programmeRow(Org org, String learnerId, String local) {
        return learnerId + "," + mail(org, local) + "," + org.programmeCode() + ",RUN-1," + inDays(30);
    }

    /** A programme file of {@code learners} new learners on RUN-1. */
    static String programmeFile(Org org, int learners) {
        StringBuilder csv = new StringBuilder(PROGRAMME_HEADER).append('\n');
        for (int i = 1; i <= learners; i++) {
            csv.append(programmeRow(org, "L" + i, "learner" + i)).append('\n');
        }
        return csv.toString();
    }

    private TestRestTemplate as(Org org) {
        return rest.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    private static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(String format, String group,
            byte[] content) {
        return multipart(format, group, content, "learners.csv");
    }

    private static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(String format, String group,
            byte[] content, String fileName) {
        var body = new LinkedMultiValueMap<String, Object>();
        if (format != null) {
            body.add("format", format);
        }
        if (group != null) {
            body.add("group", group);
        }
        if (content != null) {
            body.add("file", new ByteArrayResource(content) {
                @Override
                public String getFilename() {
                    return fileName;
                }
            });
        }
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    private ResponseEntity<String> upload(TestRestTemplate client, Org org, String format, String group,
            String csv) {
        return client.postForEntity("/api/orgs/{org}/imports",
                multipart(format, group, csv == null ? null : csv.getBytes(StandardCharsets.UTF_8)), String.class,
                org.org().code());
    }

    private ImportJob uploaded(Org org, String format, String group, byte[] content, ImportStatus expected) {
        ResponseEntity<String> response = as(org).postForEntity("/api/orgs/{org}/imports",
                multipart(format, group, content), String.class, org.org().code());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long id = read(response.getBody()).path("id").asLong();
        return ImportAwait.until(imports, imports.find(org.org().code(), id), expected);
    }

    private ImportJob uploaded(Org org, String format, String csv, ImportStatus expected) {
        return uploaded(org, format, "group".equals(format) ? "team" : null, csv.getBytes(StandardCharsets.UTF_8),
                expected);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static List<List<String>> csv(String text) {
        try {
            return CSVFormat.DEFAULT.parse(new StringReader(text)).stream().map(CSVRecord::toList).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private int importsOf(Org org) {
        return world.count("SELECT COUNT(*) FROM import_job WHERE org_id = ?", org.org().id());
    }

    private int invitationsOf(Org org) {
        return world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id());
    }

    // ---- uploads and error reports ----

    @Test
    void aMultipartUploadIsAcceptedWith202AndItsErrorsAreShownByGet() {
        Org org = world.org(10, 5);
        String csv = PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\nL2,bob-at-example.org,"
                + org.programmeCode() + ",RUN-1," + inDays(30) + "\n";

        ResponseEntity<String> response = upload(as(org), org, "programme", null, csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode accepted = read(response.getBody());
        assertThat(accepted.path("source").asText()).isEqualTo("REST");
        assertThat(accepted.path("fileName").asText()).isEqualTo("learners.csv");
        assertThat(accepted.path("uploadedBy").asText()).isEqualTo(org.adminUser());
        assertThat(accepted.path("format").asText()).isEqualTo("programme");
        long id = accepted.path("id").asLong();
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.REJECTED);

        ResponseEntity<String> details = as(org).getForEntity("/api/orgs/{org}/imports/{id}", String.class,
                org.org().code(), id);
        assertThat(details.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = read(details.getBody());
        assertThat(body.path("importJob").path("status").asText()).isEqualTo("REJECTED");
        assertThat(body.path("importJob").path("errorCount").asInt()).isEqualTo(1);
        assertThat(body.path("firstErrors")).hasSize(1);
        JsonNode error = body.path("firstErrors").get(0);
        assertThat(error.path("rowNumber").asInt()).isEqualTo(3);
        assertThat(error.path("column").asText()).isEqualTo("email");
        assertThat(error.path("value").asText()).isEqualTo("bob-at-example.org");
        assertThat(error.path("reason").asText()).isEqualTo("not a valid email address");

        JsonNode errors = read(as(org).getForObject("/api/orgs/{org}/imports/{id}/errors", String.class,
                org.org().code(), id));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isEqualTo(error);
        assertThat(invitationsOf(org)).isZero();
    }

    @Test
    void aValidUploadIsApprovedThroughTheApiAndSendsItsInvitations() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n"
                + programmeRow(org, "L2", "bob") + "\n", ImportStatus.AWAITING_REVIEW);

        ResponseEntity<String> approved = as(org).postForEntity("/api/orgs/{org}/imports/{id}/approve",
                new HttpEntity<>("{\"comment\":\"looks right\"}", jsonHeaders()), String.class, org.org().code(),
                job.id());

        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(approved.getBody()).path("outcomeMessage").asText())
                .isEqualTo("Approved by " + org.adminUser() + ": looks right");
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(invitationsOf(org)).isEqualTo(2);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2);
    }

    /**
     * rules/import-policy.drl: a file of more than 1,000 new learners needs a look from provider support. Only support
     * is offered the review task and may approve or reject it; the organisation's admin is told why and may cancel.
     */
    @Test
    void aFileOfMoreThanAThousandNewLearnersIsApprovedByProviderSupportAlone() {
        Org org = world.org(1_100, 5);
        ImportJob job = uploaded(org, "programme", programmeFile(org, 1_001), ImportStatus.AWAITING_REVIEW);
        String businessKey = Long.toString(job.id());

        ResponseEntity<String> byTheAdmin = as(org).postForEntity("/api/orgs/{org}/imports/{id}/approve", null,
                String.class, org.org().code(), job.id());

        assertThat(job.supportReview()).isEqualTo(
                "it brings 1001 new learners, more than the 1,000 an organisation approves itself");
        assertThat(job.outcomeMessage()).startsWith("Provider support approves this import: it brings 1001");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskCandidateGroup(OrgRoles.SUPPORT).count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskCandidateGroup(OrgRoles.adminGroup(org.org().code())).count()).isZero();
        assertThat(byTheAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(read(byTheAdmin.getBody()).path("detail").asText()).isEqualTo("Import " + job.id()
                + " is approved or rejected by provider support, since it brings 1001 new learners, more than the 1,000"
                + " an organisation approves itself (rules/import-policy.drl); you may cancel it");
        assertThat(imports.find(org.org().code(), job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'IMPORT_SUPPORT_REVIEW'"
                + " AND recipient = 'support@seatflow.example' AND subject = ?", "Import #" + job.id() + " of "
                + org.org().code() + " awaits your approval")).isEqualTo(1);

        ResponseEntity<String> bySupport = rest.withBasicAuth("support", "support-demo-pass").postForEntity(
                "/api/orgs/{org}/imports/{id}/approve", null, String.class, org.org().code(), job.id());

        assertThat(bySupport.getStatusCode()).isEqualTo(HttpStatus.OK);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(invitationsOf(org)).isEqualTo(1_001);
    }

    @Test
    void aFileOfAThousandNewLearnersIsApprovedByTheOrganisation() {
        Org org = world.org(1_100, 5);
        ImportJob job = uploaded(org, "programme", programmeFile(org, 1_000), ImportStatus.AWAITING_REVIEW);

        assertThat(job.supportReview()).isNull();
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'IMPORT_SUPPORT_REVIEW'"
                + " AND subject LIKE ?", "Import #" + job.id() + " %")).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(job.id()))
                .taskCandidateGroup(OrgRoles.adminGroup(org.org().code())).count()).isEqualTo(1);
        assertThat(as(org).postForEntity("/api/orgs/{org}/imports/{id}/approve", null, String.class,
                org.org().code(), job.id()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void errorsCsvListsEveryErrorAndNeutralisesFormulas() {
        Org org = world.org(10, 5);
        String csv = PROGRAMME_HEADER + "\n" + "L1,\"" + HYPERLINK.replace("\"", "\"\"") + "\","
                + org.programmeCode() + ",RUN-1," + inDays(30) + "\n" + "L2," + mail(org, "bob") + ","
                + org.programmeCode() + ",RUN-1,+2027-01-01\n" + "L3,@" + mail(org, "cy") + "," + org.programmeCode()
                + ",RUN-1," + inDays(30) + "\n" + "L4," + mail(org, "di") + "," + org.programmeCode()
                + ",RUN-1,-2027-01-01\n";
        ImportJob job = uploaded(org, "programme", csv, ImportStatus.REJECTED);

        ResponseEntity<String> response = as(org).getForEntity("/api/orgs/{org}/imports/{id}/errors.csv",
                String.class, org.org().code(), job.id());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(response.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(csv(response.getBody())).containsExactly(
                List.of("row", "column", "value", "reason"),
                List.of("2", "email", "'" + HYPERLINK, "not a valid email address"),
                List.of("3", "expiry_time", "'+2027-01-01", "not a date and time in UTC as YYYY-MM-DD HH:MM:SS"),
                List.of("4", "email", "'@" + mail(org, "cy"), "not a valid email address"),
                List.of("5", "expiry_time", "'-2027-01-01", "not a date and time in UTC as YYYY-MM-DD HH:MM:SS"));
    }

    @Test
    void annotatedCsvReturnsTheUploadedRowsWithAnErrorsColumn() {
        Org org = world.org(10, 5);
        String row2 = programmeRow(org, "L1", "ada");
        String row4 = "L3," + mail(org, "cy") + "," + org.programmeCode() + ",RUN-1,31/12/2026";
        String expiry = inDays(30);
        String csv = "\uFEFF" + PROGRAMME_HEADER + "\r\n" + row2 + "\r\n\r\n" + "L2,\"" + HYPERLINK.replace("\"", "\"\"")
                + "\"," + org.programmeCode() + ",RUN-1," + expiry + "\r\n" + row4 + "\r\n";
        ImportJob job = uploaded(org, "programme", csv, ImportStatus.REJECTED);

        ResponseEntity<String> response = as(org).getForEntity("/api/orgs/{org}/imports/{id}/annotated.csv",
                String.class, org.org().code(), job.id());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(response.getBody()).contains("\r\n\r\n");
        List<List<String>> annotated = csv(response.getBody());
        assertThat(annotated).hasSize(4);
        assertThat(annotated.get(0)).containsExactly("external_learner_id", "email", "program_code",
                "program_run_code", "expiry_time", "errors");
        assertThat(annotated.get(1)).containsExactlyElementsOf(
                concat(List.of(row2.split(",")), ""));
        assertThat(annotated.get(2)).containsExactly("L2", "'" + HYPERLINK, org.programmeCode(), "RUN-1",
                expiry, "email: not a valid email address");
        assertThat(annotated.get(3)).containsExactlyElementsOf(concat(List.of(row4.split(",")),
                "expiry_time: not a date and time in UTC as YYYY-MM-DD HH:MM:SS"));
    }

    @Test
    void annotatedCsvOfAFileThatIsNotUtf8MarksTheRowWithTheBadBytes() {
        Org org = world.org(10, 5);
        String csv = GROUP_HEADER + "\n" + mail(org, "ada") + ",,Ada,Lovelace\n" + mail(org, "max") + ",,Max,Müller\n";
        ImportJob job = uploaded(org, "group", "team", csv.getBytes(StandardCharsets.ISO_8859_1),
                ImportStatus.REJECTED);

        ResponseEntity<String> response = as(org).getForEntity("/api/orgs/{org}/imports/{id}/annotated.csv",
                String.class, org.org().code(), job.id());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv(response.getBody())).containsExactly(
                List.of("user_email", "user_pass", "first_name", "last_name", "errors"),
                List.of(mail(org, "ada"), "", "Ada", "Lovelace", ""),
                List.of(mail(org, "max"), "", "Max", "M\uFFFDller", "last_name: the file is not UTF-8 text (an invalid"
                        + " byte sequence on row 3); save it as CSV UTF-8 and upload it again"));
    }

    /** Until validation ends, the stored copy of a group file still holds its passwords: it is not handed out. */
    @Test
    void annotatedCsvIsRefusedWhileTheFileIsBeingValidated() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "group", "team", (GROUP_HEADER + "\n" + mail(org, "ada") + ",Secret-pass-1,Ada,"
                + "Lovelace\n").getBytes(StandardCharsets.UTF_8), ImportStatus.AWAITING_REVIEW);
        jdbc.sql("UPDATE import_job SET status = 'VALIDATING' WHERE id = ?").param(job.id()).update();
        try {
            ResponseEntity<String> response = as(org).getForEntity("/api/orgs/{org}/imports/{id}/annotated.csv",
                    String.class, org.org().code(), job.id());

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(response.getBody()).contains("ready once validation has ended").doesNotContain("Secret-pass-1");
        } finally {
            // left VALIDATING, the import would look like a dead node's run to the recovery two minutes later
            jdbc.sql("UPDATE import_job SET status = 'AWAITING_REVIEW' WHERE id = ?").param(job.id()).update();
        }
    }

    @Test
    void annotatedCsvOfABinaryFileIsRefusedPointingToErrorsCsv() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", null,
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'},
                ImportStatus.REJECTED);

        ResponseEntity<String> response = as(org).getForEntity("/api/orgs/{org}/imports/{id}/annotated.csv",
                String.class, org.org().code(), job.id());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(read(response.getBody()).path("detail").asText()).contains("the file is binary data")
                .endsWith("download errors.csv instead");
    }

    @Test
    void aRejectedImportCannotBeApprovedAndANonPositiveErrorLimitIs400() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", PROGRAMME_HEADER + "\nL1,nobody," + org.programmeCode() + ",RUN-1,"
                + inDays(30) + "\n", ImportStatus.REJECTED);

        ResponseEntity<String> approve = as(org).postForEntity("/api/orgs/{org}/imports/{id}/approve", null,
                String.class, org.org().code(), job.id());
        ResponseEntity<String> limit = as(org).getForEntity("/api/orgs/{org}/imports/{id}/errors?limit=0",
                String.class, org.org().code(), job.id());

        assertThat(approve.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(read(approve.getBody()).path("detail").asText())
                .isEqualTo("Import " + job.id() + " is REJECTED, not awaiting review");
        assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(limit.getBody()).path("detail").asText()).isEqualTo("limit must be at least 1, not 0");
        assertThat(imports.find(org.org().code(), job.id()).status()).isEqualTo(ImportStatus.REJECTED);
        assertThat(invitationsOf(org)).isZero();
    }

    @Test
    void aFileNameLongerThanTheImportRecordHoldsIsShortenedAndTheUploadAccepted() {
        Org org = world.org(10, 5);
        String longName = "learners-".repeat(40) + ".csv";
        byte[] csv = (PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n").getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> response = as(org).postForEntity("/api/orgs/{org}/imports",
                multipart("programme", null, csv, longName), String.class, org.org().code());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String stored = read(response.getBody()).path("fileName").asText();
        assertThat(stored).hasSize(255).startsWith("learners-learners-").endsWith("…");
        ImportAwait.until(imports, imports.find(org.org().code(), read(response.getBody()).path("id").asLong()),
                ImportStatus.AWAITING_REVIEW);
    }

    @Test
    void aReviewCommentLongerThan1000CharactersIs400AndTheImportStaysInReview() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n",
                ImportStatus.AWAITING_REVIEW);
        String essay = "{\"comment\":\"" + "too long ".repeat(500) + "\"}";

        ResponseEntity<String> tooLong = as(org).postForEntity("/api/orgs/{org}/imports/{id}/reject",
                new HttpEntity<>(essay, jsonHeaders()), String.class, org.org().code(), job.id());

        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(tooLong.getBody()).path("detail").asText())
                .isEqualTo("The comment is 4500 characters long; at most 1000 are allowed");
        assertThat(imports.find(org.org().code(), job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);

        ResponseEntity<String> rejected = as(org).postForEntity("/api/orgs/{org}/imports/{id}/reject",
                new HttpEntity<>("{\"comment\":\"wrong cohort\"}", jsonHeaders()), String.class, org.org().code(),
                job.id());
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imports.find(org.org().code(), job.id()).outcomeMessage()).endsWith(": wrong cohort");
        assertThat(invitationsOf(org)).isZero();
    }

    // ---- templates ----

    @Test
    void theProgrammeTemplateHasTheHeaderOfTheFormatDefinitionAndNeedsNoLogin() {
        ResponseEntity<String> response = rest.getForEntity("/api/import-formats/programme/template.csv",
                String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("programme-template.csv");
        List<List<String>> template = csv(response.getBody());
        assertThat(template.get(0)).containsExactly(PROGRAMME_HEADER.split(","))
                .containsExactlyElementsOf(formats.require("programme").columnNames());
        assertThat(template.get(1)).containsExactly("S0000123", "ada.lovelace@example.org", "DATA-SCI", "DS-2027-01",
                java.time.LocalDate.now(clock).plusWeeks(4) + " 09:00:00");
    }

    @Test
    void theListedExpiryExampleIsFourWeeksFromTodaySoItNeverGoesStale() {
        List<String> dateTimeExamples = new java.util.ArrayList<>();
        for (JsonNode format : read(rest.getForObject("/api/import-formats", String.class))) {
            format.path("columns").forEach(column -> {
                if (column.path("type").asText().equals("UTC_DATETIME")) {
                    dateTimeExamples.add(column.path("example").asText());
                }
            });
        }

        assertThat(dateTimeExamples).containsExactly(java.time.LocalDate.now(clock).plusWeeks(4) + " 09:00:00");
    }

    @Test
    void theGroupTemplateHasTheHeaderOfTheFormatDefinition() {
        ResponseEntity<String> response = rest.getForEntity("/api/import-formats/group/template.csv", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<List<String>> template = csv(response.getBody());
        assertThat(template.get(0)).containsExactly(GROUP_HEADER.split(","))
                .containsExactlyElementsOf(formats.require("group").columnNames());
        assertThat(template).hasSize(2);
    }

    // ---- who may do what, and requests that are wrong as a whole ----

    @Test
    void anAdminOfAnotherOrganisationIsForbiddenAndChangesNothing() {
        Org org = world.org(10, 5);
        Org other = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n",
                ImportStatus.AWAITING_REVIEW);
        String code = org.org().code();

        assertThat(as(other).getForEntity("/api/orgs/{org}/imports/{id}", String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(other).getForEntity("/api/orgs/{org}/imports/{id}/errors.csv", String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(other).getForEntity("/api/orgs/{org}/imports/{id}/annotated.csv", String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(other).postForEntity("/api/orgs/{org}/imports/{id}/approve", null, String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as(other).postForEntity("/api/orgs/{org}/imports/{id}/cancel", null, String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload(as(other), org, "programme", null, PROGRAMME_HEADER + "\n" + programmeRow(org, "L9", "eve"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String own = other.org().code();
        for (String path : List.of("", "/errors", "/errors.csv", "/annotated.csv")) {
            ResponseEntity<String> viaOwnOrg = as(other).getForEntity("/api/orgs/{org}/imports/{id}" + path,
                    String.class, own, job.id());
            assertThat(viaOwnOrg.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(viaOwnOrg.getBody()).as(path).doesNotContain(mail(org, "ada"));
        }
        for (String action : List.of("approve", "reject", "cancel", "retry")) {
            assertThat(as(other).postForEntity("/api/orgs/{org}/imports/{id}/" + action, null, String.class, own,
                    job.id()).getStatusCode()).as(action).isEqualTo(HttpStatus.NOT_FOUND);
        }

        assertThat(imports.find(code, job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
        assertThat(importsOf(org)).isEqualTo(1);
        assertThat(invitationsOf(org)).isZero();
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(as(org).getForEntity("/api/orgs/{org}/imports/{id}", String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordTheApiAnswers401() {
        Org org = world.org(10, 5);
        ImportJob job = uploaded(org, "programme", PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n",
                ImportStatus.AWAITING_REVIEW);
        String code = org.org().code();

        ResponseEntity<String> anonymous = rest.getForEntity("/api/orgs/{org}/imports/{id}", String.class, code,
                job.id());
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(rest.postForEntity("/api/orgs/{org}/imports/{id}/approve", null, String.class, code, job.id())
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upload(rest, org, "programme", null, PROGRAMME_HEADER + "\n" + programmeRow(org, "L2", "bob"))
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth(org.adminUser(), "not-the-password")
                .getForEntity("/api/orgs/{org}/imports/{id}", String.class, code, job.id()).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(imports.find(code, job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
        assertThat(importsOf(org)).isEqualTo(1);
        assertThat(invitationsOf(org)).isZero();
    }

    @Test
    void anUnknownFormatIs400NamingTheKnownFormatsAndAnUnknownTemplate404() {
        Org org = world.org(10, 5);

        ResponseEntity<String> response = upload(as(org), org, "learners", null,
                PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response.getBody()).path("detail").asText())
                .isEqualTo("Unknown import format 'learners'; known formats: [group, programme]");
        assertThat(importsOf(org)).isZero();
        ResponseEntity<String> template = rest.getForEntity("/api/import-formats/learners/template.csv", String.class);
        assertThat(template.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read(template.getBody()).path("detail").asText()).contains("known formats: [group, programme]");
    }

    @Test
    void aJsonBodyInsteadOfAMultipartUploadIs415NamingTheParts() {
        Org org = world.org(10, 5);

        ResponseEntity<String> response = as(org).postForEntity("/api/orgs/{org}/imports",
                new HttpEntity<>("{\"format\":\"programme\"}", jsonHeaders()), String.class, org.org().code());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(read(response.getBody()).path("detail").asText()).isEqualTo("An upload is multipart/form-data with "
                + "the parts file, format and group (group for the group format only), not application/json");
        assertThat(importsOf(org)).isZero();
    }

    @Test
    void noResponseShowsWhereTheFileIsStoredOnTheServer() {
        Org org = world.org(10, 5);
        ResponseEntity<String> accepted = upload(as(org), org, "programme", null,
                PROGRAMME_HEADER + "\n" + programmeRow(org, "L1", "ada") + "\n");
        long id = read(accepted.getBody()).path("id").asLong();
        ImportAwait.until(imports, imports.find(org.org().code(), id), ImportStatus.AWAITING_REVIEW);

        JsonNode list = read(as(org).getForObject("/api/orgs/{org}/imports", String.class, org.org().code()));
        JsonNode details = read(as(org).getForObject("/api/orgs/{org}/imports/{id}", String.class, org.org().code(),
                id));

        assertThat(read(accepted.getBody()).has("id")).isTrue();
        assertThat(list.get(0).path("id").asLong()).isEqualTo(id);
        assertThat(details.path("importJob").path("id").asLong()).isEqualTo(id);
        for (String body : List.of(accepted.getBody(), list.toString(), details.toString())) {
            assertThat(body).doesNotContain("storedPath").doesNotContain("import-" + id + ".csv");
        }
    }

    @Test
    void aGroupUploadWithoutAGroupIs400WithAClearMessage() {
        Org org = world.org(10, 5);

        ResponseEntity<String> response = upload(as(org), org, "group", null,
                GROUP_HEADER + "\n" + mail(org, "ada") + ",,Ada,Lovelace\n");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response.getBody()).path("detail").asText())
                .isEqualTo("The group format needs a group: name one");
        assertThat(importsOf(org)).isZero();
    }

    @Test
    void aGroupUploadNamingAGroupTheOrganisationDoesNotHaveIs404() {
        Org org = world.org(10, 5);

        ResponseEntity<String> response = upload(as(org), org, "group", "nope",
                GROUP_HEADER + "\n" + mail(org, "ada") + ",,Ada,Lovelace\n");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read(response.getBody()).path("detail").asText())
                .isEqualTo("Organisation " + org.org().code() + " has no group 'nope'");
        assertThat(importsOf(org)).isZero();
    }

    @Test
    void anUploadWithoutAFileOrFormatIs400NamingWhatIsMissing() {
        Org org = world.org(10, 5);

        ResponseEntity<String> noFile = upload(as(org), org, "programme", null, null);
        ResponseEntity<String> noFormat = upload(as(org), org, null, null, PROGRAMME_HEADER + "\n");

        assertThat(noFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(noFile.getBody()).path("detail").asText()).contains("'file'");
        assertThat(noFormat.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(noFormat.getBody()).path("detail").asText()).contains("'format'");
        assertThat(importsOf(org)).isZero();
    }

    // ---- small helpers ----

    private static HttpHeaders jsonHeaders() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static List<String> concat(List<String> cells, String last) {
        var all = new java.util.ArrayList<>(cells);
        all.add(last);
        return all;
    }
}
