package com.seatflow.imports;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** Marks the job executions of a stopped node as failed, so Spring Batch lets them be restarted. */
@Component
class InterruptedJobs {

    private final JobRepository repository;

    InterruptedJobs(JobRepository repository) {
        this.repository = repository;
    }

    void markInterrupted(String jobName, long importId) {
        JobExecution execution = repository.getLastJobExecution(jobName,
                new JobParametersBuilder().addLong("importId", importId).toJobParameters());
        if (execution == null || !execution.isRunning()) {
            return;
        }
        ExitStatus interrupted = ExitStatus.FAILED.addExitDescription("interrupted: the node running it stopped");
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(interrupted);
                step.setEndTime(LocalDateTime.now());
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(interrupted);
        execution.setEndTime(LocalDateTime.now());
        repository.update(execution);
    }
}
