package com.seatflow.imports;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.ControllableCommitHook;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.notification.OutboxDispatcher;
import com.seatflow.platform.ConflictException;

@SeatflowIntegrationTest
class BulkImportIntegrationTests {

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    TaskService tasks;
    @Autowired
    FormService forms;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    OutboxDispatcher outbox;
    @Autowired
    ControllableCommitHook commitHook;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OrganisationManagement organisations;

    @AfterEach
    void disarm() {
        commitHook.disarm();
    }

    static String programmeCsv(Org org, int rows) {
        var csv = new StringBuilder("external_learner_id,email,program_code,program_run_code,expiry_time\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("L").append(i).append(",learner").append(i).append("@example.org,").append(org.programmeCode())
                    .append(',').append(i % 2 == 0 ? org.run2() : org.run1()).append("," + BULK_EXPIRY + "\n");
        }
        return csv.toString();
    }

    private Task reviewTask(ImportJob job) {
        return tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(job.id())).singleResult();
    }

    @Test
    void aValidFileWaitsForReviewAndApprovalInTheTasklistSendsTheInvitations() throws Exception {
        Org org = world.org(10, 5);
        ImportJob job = world.submit(org, "programme", programmeCsv(org, 3));

        ImportJob validated = ImportAwait.until(imports, job, ImportStatus.AWAITING_REVIEW);
        assertThat(validated.totalRows()).isEqualTo(3);
        assertThat(validated.newRows()).isEqualTo(3);
        assertThat(validated.seatSummary()).contains("3 needed, 10 free");

        Task review = reviewTask(job);
        assertThat(review.getName()).isEqualTo("Review import #" + job.id() + " " + job.fileName() + " ("
                + org.org().code() + ")");
        assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
                .contains("org-" + org.org().code() + "-admins", "support");
        Map<String, Object> form = tasks.getVariables(review.getId());
        assertThat(form).containsEntry("rowCount", 3L).containsKey("preview");
        assertThat((String) form.get("preview")).contains("row 2: learner1@example.org (L1) - " + org.programmeCode()
                + "/" + org.run1() + ", expires " + BULK_EXPIRY + " UTC");
        // one line per row and per pool: the Tasklist form shows them in text areas, not one-line inputs
        assertThat(new String(forms.getDeployedTaskForm(review.getId()).readAllBytes(), StandardCharsets.UTF_8))
                .containsPattern("<textarea[^>]*cam-variable-name=\"preview\"")
                .containsPattern("<textarea[^>]*cam-variable-name=\"seatSummary\"")
                .contains("cam-variable-name=\"approved\" cam-variable-type=\"Boolean\"");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();

        tasks.complete(review.getId(), Map.of("approved", true));

        ImportJob done = ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(done.committedRows()).isEqualTo(3);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND status = 'PENDING'", org.org().id()))
                .isEqualTo(3);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(3);
        assertThat(licensing.drift()).isEmpty();
        // The process ends just after the commit job marks the import COMPLETED, in the job's end listener.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(job.id())).finished().count()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(world.count(
                "SELECT COUNT(*) FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id WHERE i.import_id = ? AND m.status = 'SENT'",
                job.id())).isEqualTo(3));
        // marked as bulk mail, sent after any other mail waiting
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id"
                + " WHERE i.import_id = ? AND m.bulk = TRUE", job.id())).isEqualTo(3);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ? AND token_hash IS NOT NULL", job.id()))
                .isEqualTo(3);
    }

    @Test
    void oneBadRowAmongTenThousandRejectsTheFileAndChangesNothing() {
        Org org = world.org(20_000, 5);
        String csv = programmeCsv(org, 10_000).replace("learner5000@example.org", "learner5000-at-example.org");
        int accountsBefore = world.count("SELECT COUNT(*) FROM user_account");

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.REJECTED);

        assertThat(job.errorCount()).isEqualTo(1);
        assertThat(imports.errors(org.org().code(), job.id(), 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.rowNumber()).isEqualTo(5001);
                    assertThat(e.column()).isEqualTo("email");
                    assertThat(e.value()).isEqualTo("learner5000-at-example.org");
                    assertThat(e.reason()).isEqualTo("not a valid email address");
                });
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM user_account")).isEqualTo(accountsBefore);
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(reviewTask(job)).isNull();
    }

    @Test
    void aReviewerWhoRejectsTheFileChangesNothing() {
        Org org = world.org(10, 5);
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 2)),
                ImportStatus.AWAITING_REVIEW);

        imports.decide(org.org().code(), job.id(), false, org.adminUser(), "wrong cohort");

        ImportJob rejected = imports.find(org.org().code(), job.id());
        assertThat(rejected.status()).isEqualTo(ImportStatus.REJECTED);
        assertThat(rejected.outcomeMessage()).contains("wrong cohort").contains(org.adminUser());
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
    }

    @Test
    void theSameFileTwiceIsADuplicateAndIsNotAppliedAgain() {
        Org org = world.org(10, 5);
        String csv = programmeCsv(org, 2);
        ImportJob first = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), first.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, first, ImportStatus.COMPLETED);

        ImportJob again = world.submit(org, "programme", csv);

        assertThat(again.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(again.duplicateOf()).isEqualTo(first.id());
        assertThat(again.outcomeMessage()).contains("#" + first.id());
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(2);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2);
    }

    @Test
    void theSameFileForAnotherGroupOrFormatIsNoDuplicateButAnImportOfItsOwn() {
        Org org = world.org(10, 5);
        String csv = "user_email,user_pass,first_name,last_name\n" + World.unique("ada") + "@example.org,,Ada,Lovelace\n";
        ImportJob first = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), first.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, first, ImportStatus.COMPLETED);
        LearnerGroup other = organisations.createGroup(org.org().id(), "other-team", "Another team");
        licensing.purchase(org.org().id(), other.id(), org.groupPool().productId(), null, 5, null, "test", "ORDER-OTHER");

        ImportJob otherGroup = ImportAwait.until(imports, imports.submit(new ImportSubmission(org.org().code(),
                "other-team", "group", "TEST", "group.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                org.adminUser())), ImportStatus.AWAITING_REVIEW);
        ImportJob asProgramme = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.REJECTED);

        assertThat(otherGroup.duplicateOf()).isNull();
        assertThat(otherGroup.newRows()).isEqualTo(1);
        assertThat(asProgramme.duplicateOf()).isNull();
        assertThat(imports.errors(org.org().code(), asProgramme.id(), 10)).extracting(ImportError::reason)
                .anySatisfy(reason -> assertThat(reason).contains("external_learner_id"));
        assertThat(world.submit(org, "group", csv).status()).isEqualTo(ImportStatus.DUPLICATE);
    }

    @Test
    void anExtendedFileOnlyAppliesTheNewRowsAndTheRestAreUnchanged() {
        Org org = world.org(10, 5);
        ImportJob first = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 2)),
                ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), first.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, first, ImportStatus.COMPLETED);

        ImportJob extended = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 3)),
                ImportStatus.AWAITING_REVIEW);
        assertThat(extended.newRows()).isEqualTo(1);
        assertThat(extended.unchangedRows()).isEqualTo(2);
        imports.decide(org.org().code(), extended.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, extended, ImportStatus.COMPLETED);

        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(3);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(3);
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm LIKE 'learner_@example.org'"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void aGroupFileCreatesAccountsWithHashedPasswordsMembershipsAndSeatReservations() throws Exception {
        Org org = world.org(10, 5);
        String alice = World.unique("alice") + "@example.org";
        String bob = World.unique("bob") + "@example.org";
        String carol = World.unique("carol") + "@example.org";
        jdbc.sql("INSERT INTO user_account (email, email_norm, first_name, last_name, password_hash, created_at) "
                + "VALUES (?, ?, 'Carol', 'Known', '$2a$04$carolsownpasswordhashcarolsownpasswordhash12345678901', ?)")
                .params(carol, carol, java.time.OffsetDateTime.now()).update();
        String csv = "user_email,user_pass,first_name,last_name\n" + alice + ",correct-horse-battery,Alice,Liddell\n"
                + bob.toUpperCase() + ",,Bob,Builder\n" + carol + ",,Carol,Known\n";

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.AWAITING_REVIEW);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(job.storedPath())))
                .contains(alice).doesNotContain("correct-horse-battery");
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", org.group().id())).isEqualTo(3);
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ? AND password_hash LIKE '$2a$%'",
                alice)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE password_hash LIKE '%correct-horse%'")).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ?", bob)).isEqualTo(1);
        // seed 003, the same result every way in: whoever has a password (the file's, or their own) is in at once,
        // like an email invitation adds someone with an account; bob, without one, gets a link to set it
        assertThat(jdbc.sql("SELECT email_norm, status FROM invitation WHERE import_id = ? ORDER BY email_norm")
                .param(job.id()).query((rs, n) -> rs.getString(1) + "=" + rs.getString(2)).list())
                .containsExactlyInAnyOrder(alice + "=ACCEPTED", bob + "=PENDING", carol + "=ACCEPTED");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment e JOIN user_account u ON u.id = e.user_id "
                + "WHERE e.pool_id = ? AND e.status = 'ACTIVE' AND u.email_norm IN (?, ?)", org.groupPool().id(), alice,
                carol)).isEqualTo(2);
        assertThat(world.pool(org.groupPool().id()).reserved()).isEqualTo(1);
        assertThat(world.pool(org.groupPool().id()).consumed()).isEqualTo(2);
        assertThat(licensing.drift()).isEmpty();
        assertThat(jdbc.sql("SELECT recipient || ':' || template FROM outbox_mail WHERE recipient IN (?, ?, ?)")
                .params(alice, bob.toUpperCase(), carol).query(String.class).list())
                .containsExactlyInAnyOrder(alice + ":GROUP_ADDED", bob.toUpperCase() + ":GROUP_INVITATION",
                        carol + ":GROUP_ADDED");
        assertThat(jdbc.sql("SELECT body FROM outbox_mail WHERE recipient = ?").param(alice).query(String.class)
                .single()).contains("sign in there with your email address and the password " + org.org().name()
                        + " chose for you").doesNotContain("correct-horse");
        assertThat(jdbc.sql("SELECT body FROM outbox_mail WHERE recipient = ?").param(carol).query(String.class)
                .single()).startsWith("Hello Carol,").contains("sign in there with your existing account");
        assertThat(imports.find(org.org().code(), job.id()).outcomeMessage())
                .startsWith("1 invitation(s) sent, 2 learner(s) with a password added at once");
        // the same file again is a duplicate, never validated: its copy loses the passwords all the same
        ImportJob again = world.submit(org, "group", csv);
        assertThat(again.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(again.storedPath())))
                .contains(alice).doesNotContain("correct-horse-battery");
    }

    @Test
    void afterARenewalImportsTakeSeatsFromTheNewPoolNotTheExpiredOne() {
        Org org = world.org(10, 2);
        jdbc.sql("UPDATE seat_pool SET valid_until = ? WHERE id IN (?, ?)")
                .params(java.time.OffsetDateTime.now().minusDays(1), org.programmePool().id(), org.groupPool().id())
                .update();
        var renewedProgramme = licensing.purchase(org.org().id(), null, org.programmePool().productId(), null, 10,
                java.time.Instant.now().plus(Duration.ofDays(365)), "test", World.unique("RENEW-"));
        var renewedGroup = licensing.purchase(org.org().id(), org.group().id(), org.groupPool().productId(), null, 2,
                java.time.Instant.now().plus(Duration.ofDays(365)), "test", World.unique("RENEW-G-"));
        String group = "user_email,user_pass,first_name,last_name\n" + World.unique("r") + "@example.org,,Renée,Renewed\n";

        ImportJob programmeImport = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 2)),
                ImportStatus.AWAITING_REVIEW);
        ImportJob groupImport = ImportAwait.until(imports, world.submit(org, "group", group), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), programmeImport.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, programmeImport, ImportStatus.COMPLETED);
        imports.decide(org.org().code(), groupImport.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, groupImport, ImportStatus.COMPLETED);

        assertThat(world.pool(renewedProgramme.id()).reserved()).isEqualTo(2);
        assertThat(world.pool(renewedGroup.id()).reserved()).isEqualTo(1);
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(world.pool(org.groupPool().id()).reserved()).isZero();
    }

    @Test
    void aGroupWhosePoolsHaveAllExpiredTakesNoRowsAndSaysWhy() {
        Org org = world.org(10, 2);
        jdbc.sql("UPDATE seat_pool SET valid_until = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now().minusDays(1), org.groupPool().id()).update();
        String group = "user_email,user_pass,first_name,last_name\n" + World.unique("x") + "@example.org,,Ex,Pired\n";

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", group), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 5)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("expired"));
    }

    @Test
    void anImportAwaitingReviewCanBeCanceledAndThenNothingChanges() {
        Org org = world.org(10, 5);
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 2)),
                ImportStatus.AWAITING_REVIEW);

        ImportJob canceled = imports.cancel(org.org().code(), job.id(), org.adminUser());

        assertThat(canceled.status()).isEqualTo(ImportStatus.CANCELED);
        assertThat(reviewTask(job)).isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(job.id())).count())
                .isZero();
        assertThatThrownBy(() -> imports.decide(org.org().code(), job.id(), true, org.adminUser(), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CANCELED");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
    }

    @Test
    void aSecondImportOfTheSameOrganisationWaitsItsTurnAndCanBeCanceledWhileQueued() throws Exception {
        Org org = world.org(100, 5);
        ImportJob first = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 3)),
                ImportStatus.AWAITING_REVIEW);
        ImportJob second = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 5)),
                ImportStatus.AWAITING_REVIEW);
        ImportJob third = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 7)),
                ImportStatus.AWAITING_REVIEW);
        var letFirstFinish = new CountDownLatch(1);
        var firstIsCommitting = commitHook.hold(first.id(), letFirstFinish);

        imports.decide(org.org().code(), first.id(), true, org.adminUser(), null);
        assertThat(firstIsCommitting.await(30, TimeUnit.SECONDS)).isTrue();
        imports.decide(org.org().code(), second.id(), true, org.adminUser(), null);
        imports.decide(org.org().code(), third.id(), true, org.adminUser(), null);

        assertThat(imports.find(org.org().code(), second.id()).status()).isEqualTo(ImportStatus.QUEUED);
        assertThat(imports.cancel(org.org().code(), third.id(), org.adminUser()).status())
                .isEqualTo(ImportStatus.CANCELED);
        letFirstFinish.countDown();

        ImportAwait.until(imports, first, ImportStatus.COMPLETED);
        ImportAwait.until(imports, second, ImportStatus.COMPLETED);
        assertThat(imports.find(org.org().code(), third.id()).status()).isEqualTo(ImportStatus.CANCELED);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(5);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(5);
    }

    @Test
    void aLearnerWhoseRowsFallInDifferentPartsOfTheCommitGetsOneAccountAndOneLearnerId() {
        Org org = world.org(5000, 5);
        String email = "both-runs@" + org.org().code() + ".example.org";
        String[] lines = programmeCsv(org, 3000).split("\n");
        lines[1] = "BOTH," + email + "," + org.programmeCode() + "," + org.run1() + "," + BULK_EXPIRY;
        // Rows 2 and 1502 open the two parts (3000 rows, two workers), so both parts meet this learner at once.
        lines[1501] = "BOTH," + email.toUpperCase() + "," + org.programmeCode() + "," + org.run2()
                + "," + BULK_EXPIRY;
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", String.join("\n", lines) + "\n"),
                ImportStatus.AWAITING_REVIEW);

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ?", email)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ? AND external_learner_id = 'BOTH'",
                org.org().id())).isEqualTo(1);
        assertThat(world.count("""
                SELECT COUNT(*) FROM invitation i JOIN user_account u ON u.id = i.user_id
                 WHERE i.import_id = ? AND u.email_norm = ?""", job.id(), email)).isEqualTo(2);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ? AND user_id IS NULL", job.id()))
                .isZero();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM batch_step_execution s JOIN batch_job_execution_params p
                    ON p.job_execution_id = s.job_execution_id AND p.parameter_name = 'importId'
                 WHERE s.step_name LIKE 'applyInvitationRows:%' AND p.parameter_value = ?""")
                .param(Long.toString(job.id())).query(Integer.class).single())
                .as("the rows were applied in parts side by side").isEqualTo(2);
    }

    @Test
    void aCommitKilledPartWayAndRestartedAppliesEveryRowExactlyOnce() {
        Org org = world.org(5000, 5);
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, 2500)),
                ImportStatus.AWAITING_REVIEW);
        commitHook.arm((importId, from, to) -> {
            if (importId == job.id() && from > 1000) {
                throw new IllegalStateException("injected crash in the chunk starting at row " + from);
            }
        });

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportJob failed = ImportAwait.until(imports, job, ImportStatus.COMMIT_FAILED);
        assertThat(failed.outcomeMessage()).contains("injected crash");
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(1000);

        commitHook.disarm();
        imports.retryCommit(org.org().code(), job.id());
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(DISTINCT row_number) FROM invitation WHERE import_id = ?", job.id()))
                .isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id WHERE i.import_id = ?",
                job.id())).isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ?", org.org().id())).isEqualTo(2500);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM seat_ledger WHERE source_type = 'IMPORT' AND source_ref = ?",
                Long.toString(job.id()))).isEqualTo(1);
        assertThat(licensing.drift()).isEmpty();
    }

    /** The same for a group file whose learners come in at once: their seats are consumed and mailed once. */
    @Test
    void aGroupCommitKilledPartWayAndRestartedAddsEveryLearnerWithAPasswordExactlyOnce() {
        Org org = world.org(5, 2500);
        var csv = new StringBuilder("user_email,user_pass,first_name,last_name\n");
        for (int i = 1; i <= 2500; i++) {
            csv.append(World.unique("g" + i)).append("@example.org,a-long-password,Gia,Row").append(i).append('\n');
        }
        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv.toString()),
                ImportStatus.AWAITING_REVIEW);
        commitHook.arm((importId, from, to) -> {
            if (importId == job.id() && from > 1000) {
                throw new IllegalStateException("injected crash in the chunk starting at row " + from);
            }
        });

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMMIT_FAILED);
        assertThat(world.pool(org.groupPool().id()).consumed()).isEqualTo(1000);
        commitHook.disarm();
        imports.retryCommit(org.org().code(), job.id());
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ? AND status = 'ACCEPTED'", job.id()))
                .isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ?", org.groupPool().id()))
                .isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail m JOIN user_account u ON u.email = m.recipient "
                + "JOIN group_member g ON g.user_id = u.id WHERE g.group_id = ? AND m.template = 'GROUP_ADDED'",
                org.group().id())).isEqualTo(2500);
        assertThat(world.pool(org.groupPool().id()).reserved()).isZero();
        assertThat(world.pool(org.groupPool().id()).consumed()).isEqualTo(2500);
        assertThat(licensing.drift()).isEmpty();
    }
}
