package com.seatflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.dao.CannotAcquireLockException;

/** A job that cannot be started is announced as a failed run, so its import does not wait for it forever. */
class ImportJobLauncherTests {

    private final List<Object> announced = new ArrayList<>();

    @Test
    void aValidationTheDatabaseRefusesToStartEndsAsAFailedRunNamingTheCause() {
        ImportJobLauncher launcher = launcher((job, parameters) -> {
            throw new CannotAcquireLockException("could not serialize access",
                    new IllegalStateException("could not serialize access due to read/write dependencies"));
        });

        assertThatThrownBy(() -> launcher.validateAfterCommit(42)).hasMessageContaining("Could not start importValidation");

        assertThat(announced).containsExactly(new ImportJobEnded("importValidation", 42, BatchStatus.FAILED,
                "it could not be started (could not serialize access due to read/write dependencies)"));
    }

    @Test
    void aCommitAlreadyRunningElsewhereIsLeftToAnnounceItsOwnEnd() {
        ImportJobLauncher launcher = launcher((job, parameters) -> {
            throw new JobExecutionAlreadyRunningException("already running");
        });

        assertThatThrownBy(() -> launcher.commitAfterCommit(42)).hasMessageContaining("already running");

        assertThat(announced).isEmpty();
    }

    @Test
    void aJobThatRanIsAnnouncedWithItsStatus() {
        ImportJobLauncher launcher = launcher((job, parameters) -> {
            JobExecution execution = new JobExecution(1L, parameters);
            execution.setStatus(BatchStatus.COMPLETED);
            return execution;
        });

        launcher.commitAfterCommit(42);

        assertThat(announced).containsExactly(new ImportJobEnded("importCommit", 42, BatchStatus.COMPLETED, null));
    }

    private ImportJobLauncher launcher(JobLauncher jobLauncher) {
        return new ImportJobLauncher(jobLauncher, job("importValidation"), job("importCommit"), new SyncTaskExecutor(),
                announced::add);
    }

    private static Job job(String name) {
        return new Job() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public void execute(JobExecution execution) {
                throw new UnsupportedOperationException("only launched through the launcher under test");
            }
        };
    }
}
