package com.seatflow.imports;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.ItemWriteListener;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.DefaultJobParametersValidator;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatsUnavailableException;
import com.seatflow.rules.InvitationPolicy;
import com.seatflow.rules.PoolVerdict;

/**
 * The two Spring Batch jobs of an import. {@code importValidation} checks the file in blocks of rows side by side
 * ({@code seatflow.imports.validation-workers}), stages them and records every error, then runs the whole-file checks;
 * {@code importCommit} reserves the seats all at once, then applies the staged rows range by range, in parts that run
 * side by side ({@code seatflow.imports.commit-workers}). Both take the import id as their only job parameter, so a
 * failed commit restarted with it resumes where it stopped and a completed one can never run again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportSettings.class)
class ImportJobConfiguration {

    static final String VALIDATION_JOB = "importValidation";
    static final String COMMIT_JOB = "importCommit";
    private static final String IMPORT_ID = "#{jobParameters['importId']}";

    @Bean
    Job importValidation(JobRepository jobs, Step stageRows, Step checkWholeFile) {
        return new JobBuilder(VALIDATION_JOB, jobs).validator(needsImportId()).start(stageRows).next(checkWholeFile).build();
    }

    @Bean
    Job importCommit(JobRepository jobs, Step reserveSeats, Step applyAccounts, Step applyInvitations,
            Step finishCommit) {
        return new JobBuilder(COMMIT_JOB, jobs).validator(needsImportId()).start(reserveSeats).next(applyAccounts)
                .next(applyInvitations).next(finishCommit).build();
    }

    /** Refuses a run without an import, e.g. one started by name from the command line. */
    private static DefaultJobParametersValidator needsImportId() {
        return new DefaultJobParametersValidator(new String[] {"importId"}, new String[0]);
    }

    /**
     * Reads the file in blocks of {@code chunk-size} rows; {@code validation-workers} threads each check and stage a
     * block in its own transaction, so parsing, checking and the database's work on the previous block overlap.
     */
    @Bean
    Step stageRows(JobRepository jobs, PlatformTransactionManager tx, RowBlockReader importFileReader,
            RowValidator importRowValidator, StagingWriter importStagingWriter, TaskExecutor importValidationWorkers,
            ItemWriteListener<Object> importRunLeaseRenewal) {
        return new StepBuilder("stageRows", jobs)
                .<List<ParsedRow>, List<ValidatedRow>>chunk(1, tx)
                .reader(importFileReader).processor(importRowValidator).writer(importStagingWriter)
                .listener(importRunLeaseRenewal)
                .taskExecutor(importValidationWorkers)
                .build();
    }

    @Bean
    @StepScope
    RowBlockReader importFileReader(@Value(IMPORT_ID) Long importId, ImportTargets targets, ImportSettings settings) {
        return new RowBlockReader(new CsvRowReader(targets.storedFile(importId), targets.of(importId).format()),
                settings.chunkSize());
    }

    @Bean
    @StepScope
    RowValidator importRowValidator(@Value(IMPORT_ID) Long importId, ImportTargets targets,
            InvitationPolicy invitationPolicy, Clock clock) {
        return new RowValidator(targets.of(importId).format(), Instant.now(clock),
                invitationPolicy.validityOf("PROGRAMME", true));
    }

    @Bean
    @StepScope
    StagingWriter importStagingWriter(@Value(IMPORT_ID) Long importId, ImportTargets targets, JdbcTemplate jdbcTemplate,
            JdbcClient jdbc, ImportSettings settings, Imports imports, Clock clock) {
        ImportTarget target = targets.of(importId);
        return new StagingWriter(target, jdbcTemplate, jdbc, new CodeBook(jdbc, target.orgId(), clock),
                new BCryptPasswordEncoder(settings.passwordHashStrength()), imports);
    }

    @Bean
    Step checkWholeFile(JobRepository jobs, PlatformTransactionManager tx, ImportTargets targets,
            StagedRowChecks checks, Imports imports, JdbcClient jdbc) {
        Tasklet tasklet = (contribution, context) -> {
            ImportTarget target = targets.of(importId(context.getStepContext().getJobParameters()));
            boolean valuesRepeat = checks.checkWholeFile(target);
            List<PoolVerdict> verdicts = checks.checkSeats(target);
            long id = target.importId();
            int total = imports.require(id).validatedRows();
            int unchanged = count(jdbc, "SELECT COUNT(*) FROM import_row WHERE import_id = ? AND outcome = 'UNCHANGED'", id);
            int errors = count(jdbc, "SELECT COUNT(*) FROM import_error WHERE import_id = ?", id);
            int staged = count(jdbc, "SELECT COUNT(*) FROM import_row WHERE import_id = ?", id);
            imports.recordValidation(id, total, staged - unchanged, unchanged, errors, StagedRowChecks.describe(verdicts),
                    valuesRepeat);
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("checkWholeFile", jobs).tasklet(tasklet, tx).build();
    }

    @Bean
    Step reserveSeats(JobRepository jobs, PlatformTransactionManager tx, ImportTargets targets, StagedRowChecks checks,
            LicensingManagement licensing, Imports imports) {
        Tasklet tasklet = (contribution, context) -> {
            ImportTarget target = targets.of(importId(context.getStepContext().getJobParameters()));
            ImportJob job = imports.require(target.importId());
            checks.refreshOutcomes(target);
            String actor = job.reviewedBy() == null ? job.uploadedBy() : job.reviewedBy();
            for (StagedRowChecks.Demand demand : checks.seatDemand(target)) {
                if (demand.poolId() == null) {
                    throw new SeatsUnavailableException("no seats for " + demand.label() + " in this organisation");
                }
                licensing.reserve(demand.poolId(), demand.needed(), actor,
                        "import #" + job.id() + " (" + job.fileName() + ")", LedgerSource.importJob(job.id()));
            }
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("reserveSeats", jobs).tasklet(tasklet, tx).build();
    }

    /** Accounts first, in parts side by side; invitations only once every part's accounts are in. */
    @Bean
    Step applyAccounts(JobRepository jobs, Step applyAccountRows, RowPartitioner importRowPartitioner,
            TaskExecutor importCommitWorkers, ImportSettings settings) {
        return partitioned(jobs, "applyAccounts", applyAccountRows, importRowPartitioner, importCommitWorkers, settings);
    }

    @Bean
    Step applyInvitations(JobRepository jobs, Step applyInvitationRows, RowPartitioner importRowPartitioner,
            TaskExecutor importCommitWorkers, ImportSettings settings) {
        return partitioned(jobs, "applyInvitations", applyInvitationRows, importRowPartitioner, importCommitWorkers,
                settings);
    }

    private static Step partitioned(JobRepository jobs, String name, Step worker, RowPartitioner partitioner,
            TaskExecutor workers, ImportSettings settings) {
        return new StepBuilder(name, jobs).partitioner(worker.getName(), partitioner).step(worker)
                .gridSize(settings.commitWorkers()).taskExecutor(workers).build();
    }

    @Bean
    Step applyAccountRows(JobRepository jobs, PlatformTransactionManager tx, RowRangeReader importRangeReader,
            ItemWriter<RowRange> importAccountWriter, ItemWriteListener<Object> importRunLeaseRenewal) {
        return applyRows(jobs, "applyAccountRows", tx, importRangeReader, importAccountWriter, importRunLeaseRenewal);
    }

    @Bean
    Step applyInvitationRows(JobRepository jobs, PlatformTransactionManager tx, RowRangeReader importRangeReader,
            ItemWriter<RowRange> importInvitationWriter, ItemWriteListener<Object> importRunLeaseRenewal) {
        return applyRows(jobs, "applyInvitationRows", tx, importRangeReader, importInvitationWriter,
                importRunLeaseRenewal);
    }

    private static Step applyRows(JobRepository jobs, String name, PlatformTransactionManager tx,
            RowRangeReader reader, ItemWriter<RowRange> writer, ItemWriteListener<Object> leaseRenewal) {
        return new StepBuilder(name, jobs).<RowRange, RowRange>chunk(1, tx)
                .reader(reader).writer(writer).listener(leaseRenewal).build();
    }

    /**
     * Renews the import's lease at the end of each chunk, inside its transaction: a chunk of a run whose import another
     * node has taken over fails and rolls back.
     */
    @Bean
    @StepScope
    ItemWriteListener<Object> importRunLeaseRenewal(@Value(IMPORT_ID) Long importId, ImportRunLease lease) {
        return new ItemWriteListener<>() {
            @Override
            public void afterWrite(Chunk<?> items) {
                lease.renewOrFail(importId);
            }
        };
    }

    @Bean
    @StepScope
    RowPartitioner importRowPartitioner(@Value(IMPORT_ID) Long importId, JdbcClient jdbc) {
        return new RowPartitioner(jdbc, importId);
    }

    @Bean
    @StepScope
    RowRangeReader importRangeReader(@Value("#{stepExecutionContext['" + RowPartitioner.FIRST_ROW + "']}") Integer firstRow,
            @Value("#{stepExecutionContext['" + RowPartitioner.LAST_ROW + "']}") Integer lastRow,
            ImportSettings settings) {
        return new RowRangeReader(firstRow, lastRow, settings.chunkSize());
    }

    @Bean
    @StepScope
    ItemWriter<RowRange> importAccountWriter(@Value(IMPORT_ID) Long importId, ImportTargets targets,
            CommitStatements statements) {
        ImportTarget target = targets.of(importId);
        return (Chunk<? extends RowRange> ranges) -> ranges.forEach(range -> statements.applyAccounts(target, range));
    }

    @Bean
    @StepScope
    ItemWriter<RowRange> importInvitationWriter(@Value(IMPORT_ID) Long importId, ImportTargets targets,
            CommitStatements statements, ImportCommitHook hook, Imports imports) {
        ImportTarget target = targets.of(importId);
        return (Chunk<? extends RowRange> ranges) -> {
            for (RowRange range : ranges) {
                statements.applyInvitations(target, range);
                hook.afterChunkApplied(importId, range.from(), range.to());
                imports.addCommittedRows(importId, range.to() - range.from() + 1);
            }
        };
    }

    /** The threads that apply the parts of a commit; imports committing at the same time share them. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor importCommitWorkers(ImportSettings settings) {
        return workers("seatflow-commit-", settings.commitWorkers());
    }

    /** The threads that check and stage the blocks of a file; imports validated at the same time share them. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor importValidationWorkers(ImportSettings settings) {
        return workers("seatflow-validate-", settings.validationWorkers());
    }

    private static ThreadPoolTaskExecutor workers(String namePrefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(namePrefix);
        executor.setCorePoolSize(Math.max(1, threads));
        executor.setMaxPoolSize(Math.max(1, threads));
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }

    @Bean
    Step finishCommit(JobRepository jobs, PlatformTransactionManager tx, Imports imports, JdbcClient jdbc,
            ImportRunLease lease) {
        Tasklet tasklet = (contribution, context) -> {
            long id = importId(context.getStepContext().getJobParameters());
            lease.renewOrFail(id);
            int[] sentAndAdded = jdbc.sql("""
                    SELECT COUNT(*) - COUNT(CASE WHEN status = 'ACCEPTED' THEN 1 END),
                           COUNT(CASE WHEN status = 'ACCEPTED' THEN 1 END)
                      FROM invitation WHERE import_id = ?""").param(id)
                    .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
            int invitations = sentAndAdded[0];
            int addedAtOnce = sentAndAdded[1];
            ImportJob job = imports.require(id);
            imports.setCommittedRows(id, job.totalRows());
            imports.setStatus(id, ImportStatus.COMPLETED, invitations + " invitation(s) sent, "
                    + (addedAtOnce == 0 ? "" : addedAtOnce + " learner(s) with a password added at once, ")
                    + job.unchangedRows() + " row(s) unchanged (the learners already had what they asked for)");
            imports.deleteStaging(id);
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("finishCommit", jobs).tasklet(tasklet, tx).build();
    }

    @Bean
    ImportCommitHook noCommitHook() {
        return (importId, fromRow, toRow) -> {
        };
    }

    private static long importId(java.util.Map<String, Object> jobParameters) {
        return ((Number) jobParameters.get("importId")).longValue();
    }

    private static int count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
