package com.seatflow.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

import com.seatflow.platform.NotFoundException;

/**
 * Runs a Spring Batch job by name, on the caller's thread, with the two parameters every periodic job takes:
 * {@code runAt} (identifying: the fire time of a schedule, so one fire can only ever make one job instance) and
 * {@code startedBy} (who asked). Jobs that need more (an import's jobs need its id) cannot be run this way.
 */
@Component
public class JobRuns {

    static final String RUN_AT = "runAt";
    static final String STARTED_BY = "startedBy";
    private static final Duration LOCK_RETRY = Duration.ofMillis(250);

    private final JobLauncher launcher;
    private final Map<String, Job> runnable = new TreeMap<>();
    private final LockProvider locks;
    private final Duration lockAtMostFor;
    private final JdbcClient jdbc;
    private final Clock clock;

    JobRuns(JobLauncher launcher, List<Job> jobs, LockProvider scheduleLockProvider, SchedulingSettings settings,
            JdbcClient jdbc, Clock clock) {
        this.launcher = launcher;
        this.locks = scheduleLockProvider;
        this.lockAtMostFor = settings.lockAtMostFor();
        this.jdbc = jdbc;
        this.clock = clock;
        for (Job job : jobs) {
            if (runsOnItsOwn(job)) {
                runnable.put(job.getName(), job);
            }
        }
    }

    private static boolean runsOnItsOwn(Job job) {
        try {
            job.getJobParametersValidator().validate(parameters(Instant.EPOCH, "check"));
            return true;
        } catch (JobParametersInvalidException needsMore) {
            return false;
        }
    }

    /** The jobs that can be run by name (and scheduled). */
    public SortedSet<String> names() {
        return new TreeSet<>(runnable.keySet());
    }

    /**
     * Runs the job now and returns its execution, whatever its status.
     *
     * @throws NotFoundException when no such job can be run by name (the message lists those that can)
     * @throws JobExecutionException when Spring Batch refuses to start it, e.g. this {@code runAt} already ran
     */
    public JobExecution run(String name, Instant runAt, String startedBy) throws JobExecutionException {
        Job job = runnable.get(name);
        if (job == null) {
            throw new NotFoundException("There is no job '" + name + "' that can be run by name; the jobs are "
                    + runnable.keySet());
        }
        return launcher.run(job, parameters(runAt, startedBy));
    }

    /** The outcome of {@link #runExclusively}: the execution, or who holds the job's lock instead. */
    public record ExclusiveRun(Optional<JobExecution> execution, String heldBy) {
    }

    /**
     * Runs the job now under the same cluster-wide lock its schedule takes (named after the job), so a run asked for
     * by hand never overlaps a scheduled one on any node. A held lock is tried again for up to {@code wait} (a
     * scheduled run keeps it a few seconds after it ended); if it is still held, nothing runs and the holder is named.
     * The lock is released as soon as the job ends; a node that dies meanwhile keeps it for
     * {@code seatflow.schedules.lock-at-most-for}.
     */
    public ExclusiveRun runExclusively(String name, Instant runAt, String startedBy, Duration wait)
            throws JobExecutionException {
        long giveUp = System.nanoTime() + wait.toNanos();
        Optional<SimpleLock> lock;
        while ((lock = locks.lock(new LockConfiguration(Instant.now(clock), name, lockAtMostFor, Duration.ZERO)))
                .isEmpty() && System.nanoTime() - giveUp < 0) {
            LockSupport.parkNanos(LOCK_RETRY.toNanos());
        }
        if (lock.isEmpty()) {
            return new ExclusiveRun(Optional.empty(), lockHolder(name));
        }
        try {
            return new ExclusiveRun(Optional.of(run(name, runAt, startedBy)), null);
        } finally {
            lock.get().unlock();
        }
    }

    private String lockHolder(String name) {
        return jdbc.sql("SELECT locked_by, lock_until FROM " + SchedulingConfiguration.LOCK_TABLE + " WHERE name = ?")
                .param(name)
                .query((rs, i) -> rs.getString(1) + " until " + rs.getTimestamp(2).toInstant() + " (database time)")
                .optional().orElse("another run");
    }

    private static JobParameters parameters(Instant runAt, String startedBy) {
        return new JobParametersBuilder()
                .addLocalDateTime(RUN_AT, LocalDateTime.ofInstant(runAt, ZoneOffset.UTC))
                .addString(STARTED_BY, startedBy, false)
                .toJobParameters();
    }
}
