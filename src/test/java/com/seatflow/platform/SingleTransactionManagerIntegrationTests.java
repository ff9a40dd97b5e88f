package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.World;

/**
 * Seatflow's tables, Camunda's and Spring Batch's live in one database and move in one transaction: a rollback
 * undoes all three, so a process step, a batch step and the business change it records never disagree.
 */
@SeatflowIntegrationTest
class SingleTransactionManagerIntegrationTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    ManagementService management;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobExplorer jobExplorer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Flyway flyway;
    @Autowired
    JobLauncher jobLauncher;

    @Test
    void theApplicationHasExactlyOneDataSourceAndOneTransactionManager() {
        assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
        assertThat(context.getBeansOfType(PlatformTransactionManager.class)).hasSize(1);
    }

    @Test
    void camundaRunsOnTheApplicationsDataSourceAndTransactionManager() {
        var configuration = (SpringProcessEngineConfiguration) processEngine.getProcessEngineConfiguration();

        assertThat(configuration.getTransactionManager()).isSameAs(transactionManager);
        DataSource engineDataSource = configuration.getDataSource();
        if (engineDataSource instanceof TransactionAwareDataSourceProxy proxy) {
            engineDataSource = proxy.getTargetDataSource();
        }
        assertThat(engineDataSource).isSameAs(dataSource);
    }

    @Test
    void aRollbackUndoesSeatflowCamundaAndBatchChangesTogether() {
        String marker = "tx-" + UUID.randomUUID();
        var tx = new TransactionTemplate(transactionManager);

        JobExecution execution = newJobExecution(marker);

        tx.executeWithoutResult(status -> {
            writeInAllThree(marker, execution);
            assertThat(seatflowRows(marker)).as("visible inside the transaction").isEqualTo(1);
            assertThat(management.getProperties()).containsKey(marker);
            assertThat(jobExplorer.getJobExecution(execution.getId()).getExecutionContext().containsKey("marker"))
                    .as("visible inside the transaction").isTrue();
            status.setRollbackOnly();
        });

        assertThat(seatflowRows(marker)).isZero();
        assertThat(management.getProperties()).doesNotContainKey(marker);
        assertThat(batchContextHasMarker(marker)).isFalse();
    }

    @Test
    void aCommitKeepsSeatflowCamundaAndBatchChangesTogether() {
        String marker = "tx-" + UUID.randomUUID();

        JobExecution execution = newJobExecution(marker);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> writeInAllThree(marker, execution));

        assertThat(seatflowRows(marker)).isEqualTo(1);
        assertThat(management.getProperties()).containsEntry(marker, "committed");
        assertThat(batchContextHasMarker(marker)).isTrue();
        management.deleteProperty(marker);
    }

    @Test
    void aFailureInsideTheTransactionUndoesWhatCamundaAlreadyWrote() {
        String marker = "tx-" + UUID.randomUUID();

        JobExecution execution = newJobExecution(marker);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            writeInAllThree(marker, execution);
            throw new IllegalStateException("boom after the writes");
        })).hasMessage("boom after the writes");

        assertThat(seatflowRows(marker)).isZero();
        assertThat(management.getProperties()).doesNotContainKey(marker);
        assertThat(batchContextHasMarker(marker)).isFalse();
    }

    /**
     * Writes a Seatflow row, a Camunda property and a Spring Batch execution context entry. The batch job execution is
     * created beforehand in its own transaction: the JobRepository refuses to create executions inside a caller's one.
     */
    private JobExecution writeInAllThree(String marker, JobExecution execution) {
        jdbc.sql("INSERT INTO organisation (code, name, created_at) VALUES (?, ?, ?)")
                .params(World.unique("tx"), marker, OffsetDateTime.now()).update();
        management.setProperty(marker, "committed");
        execution.getExecutionContext().putString("marker", marker);
        jobRepository.updateExecutionContext(execution);
        return execution;
    }

    private JobExecution newJobExecution(String marker) {
        try {
            return jobRepository.createJobExecution(marker, parameters(marker));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read in a transaction of its own (the JobRepository's getLastJobExecution always starts a new one). */
    private boolean batchContextHasMarker(String marker) {
        return jobRepository.getLastJobExecution(marker, parameters(marker)).getExecutionContext()
                .containsKey("marker");
    }

    private int seatflowRows(String marker) {
        return jdbc.sql("SELECT COUNT(*) FROM organisation WHERE name = ?").param(marker).query(Integer.class).single();
    }

    private static JobParameters parameters(String marker) {
        return new JobParametersBuilder().addString("marker", marker).toJobParameters();
    }

    @Test
    void flywayAppliedTheMigrationsAndCamundaAndBatchTablesShareTheDatabase() {
        assertThat(flyway.getConfiguration().getTable()).isEqualTo("seatflow_schema_history");
        assertThat(flyway.info().applied()).filteredOn(m -> m.getVersion() != null)
                .extracting(m -> m.getVersion().getVersion(), MigrationInfo::getState)
                .contains(tuple("1", MigrationState.SUCCESS), tuple("2", MigrationState.SUCCESS))
                .allSatisfy(migration -> assertThat(migration.toList()).doesNotContain(MigrationState.FAILED));
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM "seatflow_schema_history" WHERE "version" IN ('1', '2') AND "success" = TRUE""")
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(flyway.info().pending()).isEmpty();

        assertThat(management.getTableCount()).containsKeys("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_GE_PROPERTY",
                "ACT_ID_USER", "ACT_HI_PROCINST");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_GE_PROPERTY WHERE NAME_ = 'schema.version'").query(Integer.class)
                .single()).isEqualTo(1);
        String marker = "schema-" + UUID.randomUUID();
        newJobExecution(marker);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?").param(marker)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void everyJobStartGoesThroughTheLauncherThatRetriesRefusedStarts() {
        assertThat(jobLauncher).isInstanceOf(RetryingJobLauncher.class);
        assertThat(context.getBeansOfType(JobLauncher.class).values()).allMatch(RetryingJobLauncher.class::isInstance);
    }
}
