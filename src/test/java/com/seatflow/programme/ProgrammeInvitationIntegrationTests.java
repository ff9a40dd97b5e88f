package com.seatflow.programme;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportError;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.invitation.InvitationView;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

@SeatflowIntegrationTest
class ProgrammeInvitationIntegrationTests {

    private static final ParameterizedTypeReference<List<InvitationView>> INVITATIONS = new ParameterizedTypeReference<>() {
    };

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Identities identities;
    @Autowired
    ProgrammePermissions permissions;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    JobLauncher jobLauncher;
    @Autowired
    @Qualifier("invitationExpiry")
    Job invitationExpiry;

    private String user(Org org, String role, String programmeCode) {
        String id = World.unique("u");
        identities.createUser(id, "Lee", "Manager", id + "@example.org", "password-" + id);
        if (role != null) {
            permissions.grant(org.org().code(), new ProgrammePermissions.Grant(id,
                    ProgrammePermissions.Role.valueOf(role), programmeCode));
        }
        return id;
    }

    private ResponseEntity<String> invite(String user, Org org, String programme, Map<String, Object> body) {
        return http.withBasicAuth(user, "password-" + user).postForEntity(
                "/api/orgs/" + org.org().code() + "/programmes/" + programme + "/invitations", body, String.class);
    }

    private List<InvitationView> ofRun(String user, Org org, String run) {
        return http.withBasicAuth(user, "password-" + user).exchange("/api/orgs/" + org.org().code() + "/programmes/"
                + org.programmeCode() + "/runs/" + run + "/invitations", HttpMethod.GET, null, INVITATIONS).getBody();
    }

    @Test
    void aLearningManagerInvitesOneLearnerToChosenRunsEachHoldingASeat() {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);

        var response = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-1",
                "email", "Ada.L@Example.org ", "runCodes", List.of(org.run1(), org.run2())));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(ofRun(manager, org, org.run1())).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo("PENDING");
            assertThat(i.externalLearnerId()).isEqualTo("S-1");
            assertThat(i.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(27)),
                    Instant.now().plus(Duration.ofDays(29)));
        });
        assertThat(ofRun(manager, org, org.run2())).hasSize(1);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id"
                + " WHERE i.org_id = ?", org.org().id())).isEqualTo(2);
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void aProgrammeLearnerAdminMayInviteToThatProgrammeOnly() {
        Org org = world.org(10, 1);
        String other = World.unique("PRG-OTHER-");
        licensing.createProduct(other, "Another programme", "PROGRAMME");
        String learnerAdmin = user(org, "PROGRAMME_LEARNER_ADMIN", org.programmeCode());

        var own = invite(learnerAdmin, org, org.programmeCode(), Map.of("externalLearnerId", "S-2",
                "email", World.unique("b") + "@example.org", "runCodes", List.of(org.run1())));
        var elsewhere = invite(learnerAdmin, org, other, Map.of("externalLearnerId", "S-3",
                "email", World.unique("c") + "@example.org"));

        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(elsewhere.getBody()).contains("learning-manager").contains(other);
    }

    @Test
    void withoutEitherPermissionInvitingIsRefusedAndChangesNothing() {
        Org org = world.org(10, 1);
        String nobody = user(org, null, null);

        String adminOnly = user(org, null, null);
        identities.addToGroup(adminOnly, com.seatflow.organisation.OrgRoles.adminGroup(org.org().code()), "admins");
        var asAdminWithoutRole = invite(adminOnly, org, org.programmeCode(), Map.of("externalLearnerId", "S-4",
                "email", "d@example.org"));
        var bulkAsAdminWithoutRole = http.withBasicAuth(adminOnly, "password-" + adminOnly).postForEntity(
                "/api/orgs/" + org.org().code() + "/imports", upload("programme",
                        "external_learner_id,email,program_code,program_run_code,expiry_time\n"), String.class);
        var asStranger = invite(nobody, org, org.programmeCode(), Map.of("externalLearnerId", "S-4",
                "email", "d@example.org"));

        assertThat(asAdminWithoutRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(bulkAsAdminWithoutRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(bulkAsAdminWithoutRole.getBody()).contains("learning-manager permission");
        assertThat(asStranger.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
    }

    @Test
    void cancelingSetsCanceledAndGivesTheSeatBackButOnlyOnce() {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-5",
                "email", World.unique("e") + "@example.org", "runCodes", List.of(org.run1())));
        long id = ofRun(manager, org, org.run1()).get(0).id();
        String cancel = "/api/orgs/" + org.org().code() + "/programmes/" + org.programmeCode() + "/invitations/" + id
                + "/cancel";

        var first = http.withBasicAuth(manager, "password-" + manager).postForEntity(cancel, null, String.class);
        var second = http.withBasicAuth(manager, "password-" + manager).postForEntity(cancel, null, String.class);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ofRun(manager, org, org.run1())).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("CANCELED"));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody()).contains("only a pending invitation can be canceled");
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() {
        Org org = world.org(1, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        String email = World.unique("f") + "@example.org";
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-6", "email", email,
                "runCodes", List.of(org.run1())));
        jdbcLink(org, "S-7", World.unique("owner") + "@example.org");

        var again = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-6", "email", email,
                "runCodes", List.of(org.run1())));
        var noSeat = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-8",
                "email", World.unique("g") + "@example.org", "runCodes", List.of(org.run2())));
        var takenId = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-7",
                "email", World.unique("h") + "@example.org", "runCodes", List.of(org.run2())));
        var badEmail = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-9",
                "email", "not-an-email"));
        var tooLate = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-9",
                "email", World.unique("i") + "@example.org", "expiresAt", Instant.now().plus(Duration.ofDays(400))));
        var unknownRun = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-9",
                "email", World.unique("j") + "@example.org", "runCodes", List.of("NO-SUCH-RUN")));
        var emptyRun = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-9",
                "email", World.unique("j") + "@example.org", "runCodes", Arrays.asList(org.run2(), null)));
        var pendingIdToAnother = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-6",
                "email", World.unique("k") + "@example.org", "runCodes", List.of(org.run2())));
        var emailWithAnotherId = invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-10",
                "email", email, "runCodes", List.of(org.run2())));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("already has a pending invitation");
        assertThat(noSeat.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(noSeat.getBody()).contains("no free seat");
        assertThat(takenId.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(takenId.getBody()).contains("already belongs to another email");
        assertThat(badEmail.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badEmail.getBody()).contains("not a valid email address");
        assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLate.getBody()).contains("days ahead");
        assertThat(unknownRun.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownRun.getBody()).contains("NO-SUCH-RUN");
        assertThat(emptyRun.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(emptyRun.getBody()).contains("runCodes[1] is empty");
        assertThat(pendingIdToAnother.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(pendingIdToAnother.getBody()).contains("Learner id S-6 is in a pending invitation");
        assertThat(emailWithAnotherId.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(emailWithAnotherId.getBody()).contains("has a pending invitation with the learner id S-6");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(1);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(1);
    }

    /** An admin grants programme permissions to their organisation's people, never to another organisation's staff. */
    @Test
    void anAdminCannotGrantProgrammePermissionsToAnotherOrganisationsStaff() {
        Org org = world.org(1, 1);
        Org other = world.org(1, 1);
        String colleague = user(org, null, null);
        TestRestTemplate admin = http.withBasicAuth(org.adminUser(), org.adminPassword());
        String path = "/api/orgs/" + org.org().code() + "/programme-permissions";
        String managers = OrgRoles.learningManagers(org.org().code());

        var foreign = admin.postForEntity(path, Map.of("userId", other.adminUser(), "role", "LEARNING_MANAGER"),
                String.class);
        var foreignForAProgramme = admin.postForEntity(path, Map.of("userId", other.adminUser(), "role",
                "PROGRAMME_LEARNER_ADMIN", "programmeCode", org.programmeCode()), String.class);
        var unknown = admin.postForEntity(path, Map.of("userId", "nobody-" + colleague, "role", "LEARNING_MANAGER"),
                String.class);
        var themselves = admin.postForEntity(path, Map.of("userId", org.adminUser(), "role", "LEARNING_MANAGER"),
                String.class);
        var aColleague = admin.postForEntity(path, Map.of("userId", colleague, "role", "LEARNING_MANAGER"),
                String.class);

        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody()).contains("No user '" + other.adminUser() + "'");
        assertThat(foreignForAProgramme.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(identities.groupsOf(other.adminUser())).doesNotContain(managers,
                OrgRoles.programmeLearnerAdmins(org.org().code(), org.programmeCode()));
        assertThat(themselves.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(aColleague.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(identities.groupsOf(org.adminUser())).contains(managers);
        assertThat(identities.groupsOf(colleague)).containsExactly(managers);
    }

    /** An import cannot give a learner id of a pending invitation to another email either, nor the other way round. */
    @Test
    void anImportRowPairingALearnerIdOrEmailOtherwiseThanAPendingInvitationIsAnError() {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        String email = World.unique("p") + "@example.org";
        assertThat(invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-20", "email", email,
                "runCodes", List.of(org.run1()))).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String header = "external_learner_id,email,program_code,program_run_code,expiry_time\n";
        String expiry = "," + BULK_EXPIRY + "\n";
        String csv = header + "S-20," + World.unique("q") + "@example.org," + org.programmeCode() + "," + org.run2()
                + expiry + "S-21," + email + "," + org.programmeCode() + "," + org.run2() + expiry
                + "S-22," + World.unique("r") + "@example.org," + org.programmeCode() + "," + org.run2() + expiry;
        String samePair = header + "S-20," + email + "," + org.programmeCode() + "," + org.run2() + expiry;

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.REJECTED);
        ImportJob consistent = ImportAwait.until(imports, world.submit(org, "programme", samePair),
                ImportStatus.AWAITING_REVIEW);

        assertThat(imports.errors(org.org().code(), job.id(), 10)).extracting(ImportError::rowNumber,
                ImportError::column).containsExactlyInAnyOrder(tuple(2, "external_learner_id"), tuple(3, "email"));
        assertThat(consistent.newRows()).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(1);
    }

    @Autowired
    ImportManagement imports;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private void jdbcLink(Org org, String learnerId, String email) {
        jdbc.sql("INSERT INTO user_account (email, email_norm, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
                .params(email, email).update();
        jdbc.sql("""
                INSERT INTO learner_identity (org_id, external_learner_id, user_id)
                SELECT ?, ?, id FROM user_account WHERE email_norm = ?""").params(org.org().id(), learnerId, email)
                .update();
    }

    @Autowired
    com.seatflow.notification.MailSettings mailSettings;

    private long onlyInvitation(Org org) {
        return jdbc.sql("SELECT id FROM invitation WHERE org_id = ?").param(org.org().id()).query(Long.class).single();
    }

    @Test
    void theLearnerAcceptsThroughTheMailedLinkAndIsEnrolledOnTheRunWithTheirLearnerId() throws Exception {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        String email = World.unique("learner") + "@example.org";
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-20", "email", email,
                "runCodes", List.of(org.run1())));
        var links = new com.seatflow.InvitationLinks(http, jdbc, mailSettings);
        String token = links.mail(onlyInvitation(org), 1).token();

        var page = links.page(token);
        var accepted = links.accept(token, "learner-password-1");
        var again = links.accept(token, "learner-password-1");

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("join Programme of").contains("(run RUN-1)").contains("password");
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getStatusCode()).as("accepting twice shows the accepted page again")
                .isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).contains("Invitation accepted").contains("You have joined");
        var enrolled = http.withBasicAuth(manager, "password-" + manager).getForEntity("/api/orgs/" + org.org().code()
                + "/programmes/" + org.programmeCode() + "/runs/" + org.run1() + "/enrolments", String.class);
        assertThat(enrolled.getBody()).contains(email).contains("S-20").contains("ACTIVE");
        var pool = world.pool(org.programmePool().id());
        assertThat(pool.reserved()).isZero();
        assertThat(pool.consumed()).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ? AND password_hash LIKE '$2a$%'",
                email)).isEqualTo(1);
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void aLearnerOpeningACanceledOrExpiredLinkSeesAClearErrorAndNothingChanges() throws Exception {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-21",
                "email", World.unique("m") + "@example.org", "runCodes", List.of(org.run1())));
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-22",
                "email", World.unique("n") + "@example.org", "runCodes", List.of(org.run2())));
        List<Long> ids = jdbc.sql("SELECT id FROM invitation WHERE org_id = ? ORDER BY id").param(org.org().id())
                .query(Long.class).list();
        var links = new com.seatflow.InvitationLinks(http, jdbc, mailSettings);
        String canceledToken = links.mail(ids.get(0), 1).token();
        String expiredToken = links.mail(ids.get(1), 1).token();
        http.withBasicAuth(manager, "password-" + manager).postForEntity("/api/orgs/" + org.org().code()
                + "/programmes/" + org.programmeCode() + "/invitations/" + ids.get(0) + "/cancel", null, String.class);
        jdbc.sql("UPDATE invitation SET expires_at = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), ids.get(1)).update();

        var canceled = links.accept(canceledToken, "learner-password-1");
        var expired = links.accept(expiredToken, "learner-password-1");

        assertThat(canceled.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(canceled.getBody()).contains("canceled");
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(expired.getBody()).contains("expired");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment e JOIN seat_pool p ON p.id = e.pool_id WHERE p.org_id = ?",
                org.org().id())).isZero();
        assertThat(world.pool(org.programmePool().id()).consumed()).isZero();
    }

    private static HttpEntity<org.springframework.util.LinkedMultiValueMap<String, Object>> upload(String format,
            String csv) {
        var body = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        body.add("format", format);
        body.add("file", new org.springframework.core.io.ByteArrayResource(csv.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return format + ".csv";
            }
        });
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    @Test
    void aLearningManagerRunsBulkProgrammeInvitationsAndReviewsThemButMayUploadNothingElse() {
        Org org = world.org(10, 3);
        String manager = user(org, "LEARNING_MANAGER", null);
        String csv = "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "B-1," + World.unique("bulk") + "@example.org," + org.programmeCode() + "," + org.run1()
                + "," + BULK_EXPIRY + "\n";
        var asManager = http.withBasicAuth(manager, "password-" + manager);

        var uploaded = asManager.postForEntity("/api/orgs/" + org.org().code() + "/imports", upload("programme", csv),
                com.fasterxml.jackson.databind.JsonNode.class);
        var groupFile = asManager.postForEntity("/api/orgs/" + org.org().code() + "/imports?group=team",
                upload("group", "user_email,user_pass,first_name,last_name\n"), String.class);

        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(groupFile.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        long id = uploaded.getBody().get("id").asLong();
        String base = "/api/orgs/" + org.org().code() + "/imports/" + id;
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> asManager
                .getForEntity(base, com.fasterxml.jackson.databind.JsonNode.class).getBody().get("importJob")
                .get("status").asText().equals("AWAITING_REVIEW"));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(id))
                .taskCandidateGroup(ProgrammeRoles.learningManagers(org.org().code())).count()).isEqualTo(1);
        assertThat(asManager.postForEntity(base + "/approve", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> asManager
                .getForEntity(base, com.fasterxml.jackson.databind.JsonNode.class).getBody().get("importJob")
                .get("status").asText().equals("COMPLETED"));
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(1);
    }

    @Autowired
    org.camunda.bpm.engine.TaskService tasks;

    @Test
    void theExpiryJobMarksOverdueInvitationsExpiredAndReleasesTheirSeats() throws Exception {
        Org org = world.org(10, 1);
        String manager = user(org, "LEARNING_MANAGER", null);
        invite(manager, org, org.programmeCode(), Map.of("externalLearnerId", "S-10",
                "email", World.unique("k") + "@example.org"));
        jdbc.sql("UPDATE invitation SET expires_at = ? WHERE org_id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), org.org().id()).update();

        var execution = jobLauncher.run(invitationExpiry, new JobParametersBuilder()
                .addLong("test", System.nanoTime()).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND status = 'EXPIRED'",
                org.org().id())).isEqualTo(2);
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void supportKeepsTheProgrammeCatalogueWithUniqueCodes() {
        String code = World.unique("MC-");
        var created = http.withBasicAuth("support", "support-demo-pass").postForEntity("/api/support/products",
                Map.of("code", code, "name", "A microcredential", "kind", "PROGRAMME"), String.class);
        var run = http.withBasicAuth("support", "support-demo-pass").postForEntity(
                "/api/support/programmes/" + code + "/runs", Map.of("code", "R1"), String.class);
        var sameRun = http.withBasicAuth("support", "support-demo-pass").postForEntity(
                "/api/support/programmes/" + code + "/runs", Map.of("code", "R1"), String.class);
        var renamed = http.withBasicAuth("support", "support-demo-pass").exchange("/api/support/products/" + code,
                HttpMethod.PATCH, new HttpEntity<>(Map.of("code", code + "-2")), String.class);
        var duplicate = http.withBasicAuth("support", "support-demo-pass").postForEntity("/api/support/products",
                Map.of("code", code + "-2", "name", "Again", "kind", "PROGRAMME"), String.class);
        var notSupport = http.withBasicAuth("acme-admin", "acme-demo-pass").postForEntity("/api/support/products",
                Map.of("code", World.unique("X-"), "name", "Nope", "kind", "PROGRAMME"), String.class);
        var noCode = http.withBasicAuth("support", "support-demo-pass").postForEntity("/api/support/products",
                Map.of("name", "No code", "kind", "PROGRAMME"), String.class);
        var noRunCode = http.withBasicAuth("support", "support-demo-pass").postForEntity(
                "/api/support/programmes/" + code + "-2/runs", Map.of(), String.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(sameRun.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(duplicate.getBody()).contains("already exists");
        assertThat(notSupport.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(noCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noCode.getBody()).contains("\"detail\":\"code is required: 1 to 64 letters, digits");
        assertThat(noRunCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noRunCode.getBody()).contains("\"detail\":\"code is required: 1 to 64 letters, digits");
        assertThat(http.withBasicAuth("support", "support-demo-pass")
                .getForEntity("/api/programmes/" + code + "-2", String.class).getBody()).contains("R1")
                .doesNotContain("null");
    }
}
