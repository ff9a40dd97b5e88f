package com.seatflow.imports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts the import jobs on a worker thread once the caller's transaction has committed, so a job never sees
 * an import (or a process waiting for it) that is not yet there, and a rolled-back request starts nothing.
 */
@Component
class ImportJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportJobLauncher.class);

    private final JobLauncher jobLauncher;
    private final Job importValidation;
    private final Job importCommit;
    private final TaskExecutor executor;

    ImportJobLauncher(JobLauncher jobLauncher, Job importValidation, Job importCommit,
            @Qualifier("importJobExecutor") TaskExecutor executor) {
        this.jobLauncher = jobLauncher;
        this.importValidation = importValidation;
        this.importCommit = importCommit;
        this.executor = executor;
    }

    void validateAfterCommit(long importId) {
        afterCommit(() -> run(importValidation, importId));
    }

    void commitAfterCommit(long importId) {
        afterCommit(() -> run(importCommit, importId));
    }

    /** Runs the validation on the calling thread (the command line's dry run). */
    JobExecution validateNow(long importId) {
        return run(importValidation, importId);
    }

    private void afterCommit(Runnable launch) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    executor.execute(launch);
                }
            });
        } else {
            executor.execute(launch);
        }
    }

    private JobExecution run(Job job, long importId) {
        JobParameters parameters = new JobParametersBuilder().addLong("importId", importId).toJobParameters();
        try {
            return jobLauncher.run(job, parameters);
        } catch (Exception e) {
            log.error("Could not start {} for import {}", job.getName(), importId, e);
            throw new IllegalStateException("Could not start " + job.getName() + " for import " + importId + ": "
                    + e.getMessage(), e);
        }
    }
}
