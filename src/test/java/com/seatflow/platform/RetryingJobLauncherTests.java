package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.dao.CannotAcquireLockException;

/** Job starts that the database refuses for a passing reason are tried again; real conflicts are not. */
class RetryingJobLauncherTests {

    private final Job job = job();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aStartRefusedBySerializationIsTriedAgainUntilItIsRecorded() throws Exception {
        JobExecution recorded = new JobExecution(7L);
        JobLauncher refusedTwice = (j, p) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new CannotAcquireLockException("could not serialize access due to read/write dependencies");
            }
            return recorded;
        };

        assertThat(new RetryingJobLauncher(refusedTwice).run(job, new JobParameters())).isSameAs(recorded);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aStartStillRefusedAfterEveryAttemptPassesTheRefusalOn() {
        JobLauncher alwaysRefused = (j, p) -> {
            calls.incrementAndGet();
            throw new CannotAcquireLockException("could not serialize access");
        };

        assertThatThrownBy(() -> new RetryingJobLauncher(alwaysRefused).run(job, new JobParameters()))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(calls).hasValue(RetryingJobLauncher.ATTEMPTS);
    }

    @Test
    void aRealConflictIsNotTriedAgain() {
        JobLauncher done = (j, p) -> {
            calls.incrementAndGet();
            throw new JobInstanceAlreadyCompleteException("already complete");
        };

        assertThatThrownBy(() -> new RetryingJobLauncher(done).run(job, new JobParameters()))
                .isInstanceOf(JobInstanceAlreadyCompleteException.class);
        assertThat(calls).hasValue(1);
    }

    private static Job job() {
        return new Job() {
            @Override
            public String getName() {
                return "someJob";
            }

            @Override
            public void execute(JobExecution execution) {
                throw new UnsupportedOperationException("only launched through the launchers above");
            }
        };
    }
}
