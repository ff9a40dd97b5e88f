package com.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.enrolment.ProgressReports;
import com.seatflow.group.GroupSteps;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.scheduling.JobExecutionSummary;
import com.seatflow.scheduling.JobExecutions;
import com.seatflow.scheduling.JobRuns;

/** {@code run-job --name=<job>}: one run of the named job, and an exit code cron can act on. */
@SeatflowIntegrationTest
class RunJobCommandIntegrationTests {

    @Autowired
    JobRuns runs;
    @Autowired
    JobExecutions executions;
    @Autowired
    Clock clock;
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
    ProgressReports reports;
    @Autowired
    LockProvider scheduleLocks;

    record Run(int exitCode, String output) {
    }

    private Run runJob(String... args) {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var command = new RunJobCommand(runs, executions, clock);
            command.run(new DefaultApplicationArguments(args));
            return new Run(command.getExitCode(), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void aJobThatCompletesExitsWithZeroAfterOneRun() {
        long newestBefore = executions.list("ledgerReconciliation", null, 1).stream()
                .mapToLong(JobExecutionSummary::id).findFirst().orElse(0);

        Run run = runJob("run-job", "--name=ledgerReconciliation");

        assertThat(run.exitCode()).as(run.output()).isZero();
        var ran = executions.list("ledgerReconciliation", null, 10).stream().filter(e -> e.id() > newestBefore)
                .toList();
        assertThat(ran).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("COMPLETED");
            assertThat(run.output()).contains("ledgerReconciliation execution " + e.id() + " COMPLETED")
                    .containsPattern("\\d+ pool\\(s\\) checked, every counter equals its ledger; report #\\d+");
            assertThat(executions.find(e.id()).parameters()).containsEntry("startedBy", "command line");
        });
    }

    @Test
    void aReconciliationThatFindsDriftCompletesButExitsWithThreeSoCronCanTell() {
        long poolId = world.org(5, 5).programmePool().id();
        jdbc.sql("UPDATE seat_pool SET reserved = reserved + 1 WHERE id = ?").param(poolId).update();
        try {
            Run run = runJob("run-job", "--name=ledgerReconciliation");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.output()).contains(" COMPLETED (exit code DRIFT)")
                    .containsPattern("found: 1 pool\\(s\\) of \\d+ disagree with their ledger; report #\\d+");
        } finally {
            jdbc.sql("UPDATE seat_pool SET reserved = reserved - 1 WHERE id = ?").param(poolId).update();
        }
        assertThat(runJob("run-job", "--name=ledgerReconciliation").exitCode()).isZero();
    }

    @Test
    void aJobThatFailsExitsWithOne() throws IOException {
        Org org = world.org(1, 5);
        new GroupSteps(http, jdbc, identities, licensing).member(org);
        Path folder = reports.folder();
        Path aside = folder.resolveSibling(folder.getFileName() + "-aside");
        boolean existed = Files.exists(folder);
        if (existed) {
            Files.move(folder, aside);
        }
        Files.createDirectories(folder.toAbsolutePath().getParent());
        Files.writeString(folder, "a file where the reports folder should be");
        try {
            Run run = runJob("run-job", "--name=groupProgressReport");

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("groupProgressReport execution").contains(" FAILED ")
                    .contains("failure:");
        } finally {
            Files.delete(folder);
            if (existed) {
                Files.move(aside, folder);
            }
        }
    }

    @Test
    void aJobWhoseLockAnotherRunHoldsIsNotStartedAndTheHolderIsNamed() {
        long newestBefore = executions.list("ledgerReconciliation", null, 1).stream()
                .mapToLong(JobExecutionSummary::id).findFirst().orElse(0);
        SimpleLock scheduledRun = scheduleLocks.lock(new LockConfiguration(Instant.now(), "ledgerReconciliation",
                Duration.ofMinutes(5), Duration.ZERO)).orElseThrow();
        Run refused;
        try {
            refused = runJob("run-job", "--name=ledgerReconciliation", "--wait=1");
        } finally {
            scheduledRun.unlock();
        }

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("ledgerReconciliation was not started: it is running elsewhere")
                .contains("lock held by").contains("after waiting 1 s");
        assertThat(executions.list("ledgerReconciliation", null, 10)).noneMatch(e -> e.id() > newestBefore);

        Run afterwards = runJob("run-job", "--name=ledgerReconciliation");
        assertThat(afterwards.exitCode()).as(afterwards.output()).isZero();
    }

    @Test
    void aJobStartsOnceTheRunHoldingItsLockHasEnded() throws Exception {
        SimpleLock scheduledRun = scheduleLocks.lock(new LockConfiguration(Instant.now(), "ledgerReconciliation",
                Duration.ofMinutes(5), Duration.ZERO)).orElseThrow();
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> runJob("run-job", "--name=ledgerReconciliation", "--wait=30"));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        scheduledRun.unlock();

        Run run = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void aWaitThatIsNotANumberOfSecondsExitsWithTwo() {
        Run run = runJob("run-job", "--name=ledgerReconciliation", "--wait=soon");
        Run tooLong = runJob("run-job", "--name=ledgerReconciliation", "--wait=99999999999999");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("--wait takes a number of seconds from 0 to 86400, not 'soon'")
                .contains("usage: run-job --name=<job> [--wait=");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.output()).contains("--wait takes a number of seconds from 0 to 86400, not '99999999999999'");
    }

    @Test
    void anUnknownJobExitsWithTwoAndListsTheJobsThatCanRun() {
        Run run = runJob("run-job", "--name=nightlyCoffee");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("There is no job 'nightlyCoffee'")
                .contains("invitationExpiry").contains("invitationReminders").contains("ledgerReconciliation")
                .contains("poolAlertCheck").contains("groupProgressReport");
    }

    @Test
    void theJobsOfAnImportCannotBeRunByName() {
        Run run = runJob("run-job", "--name=importCommit");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("There is no job 'importCommit'");
        assertThat(runs.names()).doesNotContain("importValidation", "importCommit");
    }

    @Test
    void noNameExitsWithTwoAndTheUsage() {
        Run run = runJob("run-job");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("usage: run-job --name=<job>");
    }
}
