package com.seatflow.licensing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The runs of the {@code ledgerReconciliation} job: on its schedule ({@code batch-jobs/schedules.yml}, nightly at 02:00 UTC)
 * and on demand, on the caller's thread, returning the stored report.
 */
@Service
public class LedgerReconciliations {

    private final JobLauncher jobLauncher;
    private final Job job;
    private final ReconciliationReports reports;
    private final Clock clock;

    LedgerReconciliations(JobLauncher jobLauncher,
            @Qualifier(LedgerReconciliationJobConfiguration.JOB) Job job, ReconciliationReports reports, Clock clock) {
        this.jobLauncher = jobLauncher;
        this.job = job;
        this.reports = reports;
        this.clock = clock;
    }

    /** Runs the job now and returns its report. */
    public ReconciliationReport run(String startedBy) {
        JobExecution execution;
        try {
            execution = jobLauncher.run(job, new JobParametersBuilder()
                    .addLong("runAt", clock.millis())
                    .addString("run", UUID.randomUUID().toString())
                    .addString(LedgerReconciliationJobConfiguration.STARTED_BY, startedBy, false)
                    .toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the ledger reconciliation: " + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("The ledger reconciliation ended " + execution.getStatus() + ": "
                    + execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst()
                            .orElse(execution.getExitStatus().getExitDescription()));
        }
        return reports.byJobExecution(execution.getId()).orElseThrow(() -> new IllegalStateException(
                "The ledger reconciliation (job execution " + execution.getId() + ") stored no report"));
    }

    /** The newest reports first. */
    public List<ReconciliationReport> latest(int limit) {
        return reports.latest(limit);
    }
}
