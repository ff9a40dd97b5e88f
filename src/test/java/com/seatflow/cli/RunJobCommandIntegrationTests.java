package com.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import com.seatflow.SeatflowIntegrationTest;
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
            assertThat(run.output()).contains("ledgerReconciliation execution " + e.id() + " COMPLETED");
            assertThat(executions.find(e.id()).parameters()).containsEntry("startedBy", "command line");
        });
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
