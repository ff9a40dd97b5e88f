package com.seatflow.licensing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/**
 * The Spring Batch job {@code ledgerReconciliation}: proves that every pool's counters equal the sum of its ledger
 * ({@link LicensingManagement#drift()}), stores the result, logs each drifted pool at WARN and mails support when
 * any pool drifted; such a run completes with the exit code {@code DRIFT}. Its one step runs in one transaction, so
 * the report and the mail are written together. Started by {@link LedgerReconciliations} (on a schedule and on demand).
 */
@Configuration(proxyBeanMethods = false)
class LedgerReconciliationJobConfiguration {

    static final String JOB = "ledgerReconciliation";
    static final String STARTED_BY = "startedBy";
    /** The exit code of a run that completed and found drift, so that {@code run-job} and cron can tell. */
    static final String DRIFT = "DRIFT";

    private static final Logger log = LoggerFactory.getLogger(LedgerReconciliationJobConfiguration.class);

    @Bean
    Job ledgerReconciliation(JobRepository jobs, Step reconcileLedger) {
        return new JobBuilder(JOB, jobs).start(reconcileLedger).build();
    }

    @Bean
    Step reconcileLedger(JobRepository jobs, PlatformTransactionManager tx, LicensingManagement licensing,
            ReconciliationReports reports, JdbcClient jdbc, Identities identities, Outbox outbox) {
        Tasklet tasklet = (contribution, context) -> {
            var execution = context.getStepContext().getStepExecution().getJobExecution();
            String startedBy = execution.getJobParameters().getString(STARTED_BY, "unknown");
            int poolsChecked = jdbc.sql("SELECT COUNT(*) FROM seat_pool").query(Integer.class).single();
            List<PoolDrift> drifts = licensing.drift();
            long reportId = reports.record(execution.getId(), startedBy, poolsChecked, drifts);
            if (drifts.isEmpty()) {
                log.info("Ledger reconciliation #{}: {} pool(s) checked, every counter equals its ledger", reportId,
                        poolsChecked);
                contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(poolsChecked
                        + " pool(s) checked, every counter equals its ledger; report #" + reportId));
            } else {
                drifts.forEach(d -> log.warn("Ledger reconciliation #{}: {}", reportId, ReconciliationReports.line(d)));
                List<String> support = identities.emailsOf(OrgRoles.SUPPORT);
                outbox.enqueue("LEDGER_DRIFT", support, "Seat ledger drift: " + drifts.size() + " pool(s) of "
                        + poolsChecked + " disagree with their ledger", """
                        Hello,

                        The ledger reconciliation #%d (started by %s) found %d seat pool(s) whose counters are not the
                        sum of their ledger entries:

                        %s

                        Nothing was changed. The report: GET /api/support/jobs/ledger-reconciliation
                        """.formatted(reportId, startedBy, drifts.size(), ReconciliationReports.describe(drifts)));
                if (support.isEmpty()) {
                    log.warn("Ledger reconciliation #{} found drift but no support user has an email address",
                            reportId);
                }
                contribution.setExitStatus(new ExitStatus(DRIFT, drifts.size() + " pool(s) of " + poolsChecked
                        + " disagree with their ledger; report #" + reportId));
            }
            contribution.getStepExecution().getExecutionContext().putLong("reportId", reportId);
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("reconcileLedger", jobs).tasklet(tasklet, tx).build();
    }
}
