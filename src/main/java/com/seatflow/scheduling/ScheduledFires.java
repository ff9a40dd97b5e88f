package com.seatflow.scheduling;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs one fire of a schedule under the cluster-wide lock named after its job. Of several nodes firing the same
 * schedule only the one that takes the lock runs the job; the lock is kept for at least {@code lockAtLeastFor} so that
 * a node whose clock lags behind does not take it again once a short job ended. The fire time is the job's identifying
 * {@code runAt}, so even a node that comes later than that still finds the fire done.
 */
class ScheduledFires {

    private static final Logger log = LoggerFactory.getLogger(ScheduledFires.class);

    enum Outcome {
        /** This node ran the job (whatever the job's own status). */
        RAN,
        /** Another node (or an earlier fire still running) holds the lock. */
        LOCKED_ELSEWHERE,
        /** A job instance for this fire time exists already. */
        ALREADY_RAN,
        /** The job could not be started, or threw. */
        FAILED
    }

    private final JobRuns runs;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    ScheduledFires(JobRuns runs, LockingTaskExecutor locks, Clock clock) {
        this.runs = runs;
        this.locks = locks;
        this.clock = clock;
    }

    Outcome fire(JobSchedule schedule, Instant fireTime) {
        var lock = new LockConfiguration(Instant.now(clock), schedule.job(), schedule.lockAtMostFor(),
                schedule.lockAtLeastFor());
        try {
            var result = locks.executeWithLock(() -> run(schedule, fireTime), lock);
            if (!result.wasExecuted()) {
                log.debug("Schedule {} at {}: another node holds the lock", schedule.job(), fireTime);
                return Outcome.LOCKED_ELSEWHERE;
            }
            return result.getResult();
        } catch (Throwable e) {
            log.error("Schedule {} at {} could not run: {}", schedule.job(), fireTime, e.toString(), e);
            return Outcome.FAILED;
        }
    }

    private Outcome run(JobSchedule schedule, Instant fireTime) throws Exception {
        JobExecution execution;
        try {
            execution = runs.run(schedule.job(), fireTime, "schedule");
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException done) {
            log.info("Schedule {} at {}: already run by another node", schedule.job(), fireTime);
            return Outcome.ALREADY_RAN;
        }
        log.info("Schedule {} at {}: job execution {} {} (read {}, written {})", schedule.job(), fireTime,
                execution.getId(), execution.getStatus(),
                execution.getStepExecutions().stream().mapToLong(s -> s.getReadCount()).sum(),
                execution.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum());
        return Outcome.RAN;
    }
}
