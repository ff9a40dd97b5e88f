package com.seatflow.platform;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRestartException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Starts jobs like the launcher it wraps, and tries again when the database refuses for a passing reason to record
 * the start. Spring Batch records a new execution in a SERIALIZABLE transaction, so that two nodes can never start the
 * same job instance twice; on PostgreSQL two different jobs started at the same moment (two imports dropped together,
 * an import and a schedule) can then fail with "could not serialize access", whose advice is to retry. Nothing of the
 * refused attempt was stored, so trying again is safe; a real conflict (the same instance, already running or done)
 * is not transient and is passed on at once.
 */
public class RetryingJobLauncher implements JobLauncher {

    static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(RetryingJobLauncher.class);

    private final JobLauncher delegate;

    public RetryingJobLauncher(JobLauncher delegate) {
        this.delegate = delegate;
    }

    @Override
    public JobExecution run(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException,
            JobRestartException, JobInstanceAlreadyCompleteException, JobParametersInvalidException {
        for (int attempt = 1;; attempt++) {
            try {
                return delegate.run(job, parameters);
            } catch (TransientDataAccessException refused) {
                if (attempt == ATTEMPTS) {
                    throw refused;
                }
                log.info("Starting {} was refused for now ({}); trying again ({} of {})", job.getName(),
                        refused.getMostSpecificCause().getMessage(), attempt + 1, ATTEMPTS);
                // a random pause, growing with each attempt, so two launches that collided do not collide again
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(10_000_000L, 50_000_000L) * attempt);
            }
        }
    }
}
