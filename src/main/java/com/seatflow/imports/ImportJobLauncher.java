package com.seatflow.imports;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts the import jobs on a worker thread once the caller's transaction has committed, so a job never sees
 * an import (or a process waiting for it) that is not yet there, and a rolled-back request starts nothing. A job that
 * cannot be started is announced as a failed run, so its import ends (FAILED, or COMMIT_FAILED to be retried) instead
 * of waiting for it. It knows which imports' jobs are queued or running here, for their leases' heartbeat.
 */
@Component
class ImportJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportJobLauncher.class);

    private final JobLauncher jobLauncher;
    private final Job importValidation;
    private final Job importCommit;
    private final TaskExecutor executor;
    private final ApplicationEventPublisher events;
    // runs per import: a retry may be queued while the run it retries is still finishing
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();

    ImportJobLauncher(JobLauncher jobLauncher, Job importValidation, Job importCommit,
            @Qualifier("importJobExecutor") TaskExecutor executor, ApplicationEventPublisher events) {
        this.events = events;
        this.jobLauncher = jobLauncher;
        this.importValidation = importValidation;
        this.importCommit = importCommit;
        this.executor = executor;
    }

    void validateAfterCommit(long importId) {
        afterCommit(importId, importValidation);
    }

    void commitAfterCommit(long importId) {
        afterCommit(importId, importCommit);
    }

    /** Runs the validation on the calling thread (the command line's dry run). */
    JobExecution validateNow(long importId) {
        inFlight.merge(importId, 1, Integer::sum);
        return runInFlight(importValidation, importId);
    }

    /** The imports whose jobs this node has queued or is running. */
    Set<Long> inFlight() {
        return Set.copyOf(inFlight.keySet());
    }

    private void notInFlight(long importId) {
        inFlight.computeIfPresent(importId, (id, runs) -> runs == 1 ? null : runs - 1);
    }

    private void afterCommit(long importId, Job job) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue(importId, job);
                }
            });
        } else {
            queue(importId, job);
        }
    }

    private void queue(long importId, Job job) {
        inFlight.merge(importId, 1, Integer::sum);
        try {
            executor.execute(() -> runInFlight(job, importId));
        } catch (RuntimeException rejected) {
            notInFlight(importId);
            throw rejected;
        }
    }

    private JobExecution runInFlight(Job job, long importId) {
        try {
            return run(job, importId);
        } finally {
            notInFlight(importId);
        }
    }

    /**
     * Runs the job and then announces its end. The announcement waits until the launcher returns, that is until
     * Spring Batch has stored the execution's final state, so whoever reacts (a retry, a restart) never finds it
     * still marked as running.
     */
    private JobExecution run(Job job, long importId) {
        JobParameters parameters = new JobParametersBuilder().addLong("importId", importId).toJobParameters();
        JobExecution execution;
        try {
            execution = jobLauncher.run(job, parameters);
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException alreadyThere) {
            // another thread or node runs (or ran) this very job for this import, and announces its end itself
            log.warn("Did not start {} for import {}: {}", job.getName(), importId, alreadyThere.getMessage());
            throw new IllegalStateException(notStarted(job, importId, alreadyThere), alreadyThere);
        } catch (Exception e) {
            // announced as a failed run, so the import does not wait for a job that never started
            log.error("Could not start {} for import {}", job.getName(), importId, e);
            events.publishEvent(new ImportJobEnded(job.getName(), importId, BatchStatus.FAILED,
                    "it could not be started (" + rootMessage(e) + ")"));
            throw new IllegalStateException(notStarted(job, importId, e), e);
        }
        String failure = firstFailure(execution);
        events.publishEvent(new ImportJobEnded(job.getName(), importId, execution.getStatus(), failure));
        return execution;
    }

    private static String notStarted(Job job, long importId, Exception e) {
        return "Could not start " + job.getName() + " for import " + importId + ": " + e.getMessage();
    }

    /**
     * What went wrong, said as the failing step said it. A commit applies its rows in partitions, whose manager step
     * only reports that a partition failed, so the workers' own failures come first.
     */
    private static String firstFailure(JobExecution execution) {
        Stream<Throwable> workerFailures = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(":"))
                .flatMap(step -> step.getFailureExceptions().stream());
        return Stream.concat(workerFailures, execution.getAllFailureExceptions().stream())
                .map(ImportJobLauncher::rootMessage).findFirst()
                .orElse(execution.getStatus() == BatchStatus.COMPLETED ? null
                        : execution.getExitStatus().getExitDescription());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
