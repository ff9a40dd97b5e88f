package com.seatflow.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.seatflow.platform.NotFoundException;
import com.seatflow.scheduling.JobExecutionSummary;
import com.seatflow.scheduling.JobExecutions;
import com.seatflow.scheduling.JobRuns;

/**
 * {@code run-job --name=<job> [--wait=<seconds>]}: runs one job once, now, under its schedule lock (so never alongside
 * a scheduled run of it on any node), prints how it ended and exits 0 when it COMPLETED, 1 when it did not (or could
 * not start, or another run kept the lock for longer than the wait), 2 on wrong usage or an unknown job (the known ones
 * are listed), 3 when it completed but found something that needs a person (an exit code other than COMPLETED, such
 * as the reconciliation's DRIFT). Meant for cron.
 */
@Component
@ConditionalOnProperty(name = "seatflow.cli.command", havingValue = "run-job")
class RunJobCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private static final Duration MAX_WAIT = Duration.ofDays(1);

    private final JobRuns runs;
    private final JobExecutions executions;
    private final Clock clock;
    private final PrintStream out = System.out;
    private int exitCode;

    RunJobCommand(JobRuns runs, JobExecutions executions, Clock clock) {
        this.runs = runs;
        this.executions = executions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> names = args.getOptionValues("name");
        if (names == null || names.size() != 1 || names.get(0).isBlank()) {
            usage();
            return;
        }
        String name = names.get(0).trim();
        Duration wait = waitOption(args);
        if (wait == null) {
            usage();
            return;
        }
        JobExecution execution;
        try {
            JobRuns.ExclusiveRun run = runs.runExclusively(name, Instant.now(clock), "command line", wait);
            if (run.execution().isEmpty()) {
                out.println(name + " was not started: it is running elsewhere (lock held by " + run.heldBy()
                        + " after waiting " + wait.toSeconds() + " s); try again when that run has ended");
                exitCode = 1;
                return;
            }
            execution = run.execution().get();
        } catch (NotFoundException unknown) {
            out.println(unknown.getMessage());
            usage();
            return;
        } catch (JobExecutionException | RuntimeException refused) {
            out.println(name + " could not start: " + refused.getMessage());
            exitCode = 1;
            return;
        }
        JobExecutionSummary run = executions.find(execution.getId()).execution();
        out.printf("%s execution %d %s (exit code %s) in %d ms: read %d, written %d, skipped %d%n", name, run.id(),
                run.status(), run.exitCode(), run.durationMs(), run.readCount(), run.writeCount(), run.skipCount());
        execution.getAllFailureExceptions().forEach(e -> out.println("  failure: " + e));
        ExitStatus ended = execution.getExitStatus();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            exitCode = 1;
        } else if (!ExitStatus.COMPLETED.getExitCode().equals(ended.getExitCode())) {
            out.println("  found: " + ended.getExitDescription());
            exitCode = 3;
        } else {
            if (!ended.getExitDescription().isBlank()) {
                out.println("  " + ended.getExitDescription());
            }
            exitCode = 0;
        }
    }

    /** {@code --wait=<seconds>}: how long to wait for a run holding the job's lock to end (default 60); null if wrong. */
    private Duration waitOption(ApplicationArguments args) {
        List<String> values = args.getOptionValues("wait");
        if (values == null || values.isEmpty()) {
            return DEFAULT_WAIT;
        }
        try {
            long seconds = Long.parseLong(values.get(0).trim());
            if (values.size() == 1 && seconds >= 0 && seconds <= MAX_WAIT.toSeconds()) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // fall through: reported with the usage
        }
        out.println("--wait takes a number of seconds from 0 to " + MAX_WAIT.toSeconds() + ", not '"
                + String.join(",", values) + "'");
        return null;
    }

    private void usage() {
        out.println("usage: run-job --name=<job> [--wait=<seconds to wait for a run of it elsewhere, default "
                + DEFAULT_WAIT.toSeconds() + ">]; the jobs are " + runs.names());
        exitCode = 2;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
