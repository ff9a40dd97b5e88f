package com.seatflow.imports;

import static com.seatflow.imports.BulkImportIntegrationTests.programmeCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.ControllableCommitHook;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;

/**
 * Several nodes share one database: an import is recovered only when the node running its job stopped sending
 * heartbeats ({@code seatflow.imports.stale-run-after}, two minutes here), and then by one node only.
 */
@SeatflowIntegrationTest
class ImportRecoveryIntegrationTests {

    private static final String OTHER_NODE = "4242@other-host/0a1b2c3d";
    private static final String COMMIT_EXECUTIONS = """
            FROM batch_job_execution e
              JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
              JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
             WHERE i.job_name = 'importCommit' AND p.parameter_name = 'importId' AND p.parameter_value = ?
            """;

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    ImportRunLease lease;
    @Autowired
    ControllableCommitHook commitHook;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @AfterEach
    void disarm() {
        commitHook.disarm();
    }

    private record Lease(String owner, OffsetDateTime heartbeat) {
    }

    @Test
    void aCommitRunningOnAnotherLiveNodeIsLeftAlone() throws Exception {
        Org org = world.org(5000, 5);
        ImportJob job = awaitingReview(org, 2500);
        var letItFinish = new CountDownLatch(1);
        var committing = commitHook.hold(job.id(), letItFinish);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        assertThat(committing.await(30, TimeUnit.SECONDS)).isTrue();
        // the run goes on here, but its lease says another node runs it and beat a moment ago
        jdbc.sql("UPDATE import_job SET run_owner = ? WHERE id = ?").params(OTHER_NODE, job.id()).update();
        Lease before = leaseOf(job);

        List<Long> takenOver = imports.recoverInterruptedImports();

        assertThat(takenOver).doesNotContain(job.id());
        assertThat(imports.find(org.org().code(), job.id()).status()).isEqualTo(ImportStatus.COMMITTING);
        assertThat(leaseOf(job)).isEqualTo(before);
        assertThat(commitExecutions(job)).containsExactly("STARTED");

        jdbc.sql("UPDATE import_job SET run_owner = ? WHERE id = ?").params(lease.node(), job.id()).update();
        letItFinish.countDown();
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        assertThat(world.count("SELECT COUNT(DISTINCT row_number) FROM invitation WHERE import_id = ?", job.id()))
                .isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(2500);
    }

    @Test
    void aValidationRunningOnAnotherLiveNodeIsLeftAlone() {
        Org org = world.org(10, 5);
        ImportJob job = awaitingReview(org, 3);
        leaveRunning(job, ImportStatus.VALIDATING, OTHER_NODE, OffsetDateTime.now(clock));
        try {
            imports.recoverInterruptedImports();

            ImportJob after = imports.find(org.org().code(), job.id());
            assertThat(after.status()).isEqualTo(ImportStatus.VALIDATING);
            assertThat(after.outcomeMessage()).isEqualTo(job.outcomeMessage());
            assertThat(leaseOf(job).owner()).isEqualTo(OTHER_NODE);
        } finally {
            jdbc.sql("UPDATE import_job SET status = 'AWAITING_REVIEW', run_owner = NULL, run_heartbeat_at = NULL"
                    + " WHERE id = ?").param(job.id()).update();
        }
    }

    @Test
    void aCommitLeftRunningByADeadNodeIsTakenOverOnceAndAppliesEveryRowOnce() {
        Org org = world.org(5000, 5);
        ImportJob job = awaitingReview(org, 2500);
        commitHook.arm((importId, from, to) -> {
            if (importId == job.id() && from > 2000) {
                throw new IllegalStateException("the node dies in the chunk starting at row " + from);
            }
        });
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMMIT_FAILED);
        commitHook.disarm();
        // What a JVM killed mid-chunk leaves: the import and its job execution still marked as running, and the
        // dead node's last heartbeat, ten minutes old.
        long execution = jdbc.sql("SELECT MAX(e.job_execution_id) " + COMMIT_EXECUTIONS)
                .param(Long.toString(job.id())).query(Long.class).single();
        jdbc.sql("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = ?")
                .param(execution).update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = ? AND status = 'FAILED'")
                .param(execution).update();
        leaveRunning(job, ImportStatus.COMMITTING, OTHER_NODE, OffsetDateTime.now(clock).minusMinutes(10));

        imports.recoverInterruptedImports();
        // a second pass (or a second node) finds the import taken: its new owner beats
        assertThat(imports.recoverInterruptedImports()).doesNotContain(job.id());

        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        // the import shows COMPLETED from the job's last step; the job execution's own end is recorded just after
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(commitExecutions(job))
                .as("the dead node's run, then one run of the node that took over")
                .containsExactly("FAILED", "COMPLETED"));
        assertThat(world.count("SELECT COUNT(DISTINCT row_number) FROM invitation WHERE import_id = ?", job.id()))
                .isEqualTo(2500);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(2500);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2500);
        assertThat(licensing.drift()).isEmpty();
        // given up once the end of the run is recorded, just after the import shows COMPLETED
        await().atMost(Duration.ofSeconds(30)).until(() -> leaseOf(job), new Lease(null, null)::equals);
    }

    @Test
    void aValidationLeftByADeadNodeEndsTheImportEvenWhenItsProcessNoLongerWaitsForIt() {
        Org org = world.org(10, 5);
        ImportJob job = awaitingReview(org, 3);
        // its process was told already and waits in review: telling it again used to fail the node's start-up
        leaveRunning(job, ImportStatus.VALIDATING, OTHER_NODE, OffsetDateTime.now(clock).minusMinutes(10));

        imports.recoverInterruptedImports();

        ImportJob ended = imports.find(org.org().code(), job.id());
        assertThat(ended.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(ended.outcomeMessage()).contains("the node validating it stopped; upload the file again");
        assertThat(leaseOf(job)).isEqualTo(new Lease(null, null));
    }

    @Test
    void ofTwoNodesTakingOverTheSameStaleImportAtOnceOnlyOneWins() throws Exception {
        Org org = world.org(10, 5);
        ImportJob job = awaitingReview(org, 3);
        // Stale for these two nodes (30 s) but not for this test's own node (two minutes), which stays out of the race.
        var nodeA = new ImportRunLease(jdbc, clock, Duration.ofSeconds(30), "node-a");
        var nodeB = new ImportRunLease(jdbc, clock, Duration.ofSeconds(30), "node-b");
        ExecutorService twoNodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                leaveRunning(job, ImportStatus.COMMITTING, OTHER_NODE, OffsetDateTime.now(clock).minusMinutes(1));
                ImportRunLease.StaleRun seenByA = staleRunOf(nodeA, job);
                ImportRunLease.StaleRun seenByB = staleRunOf(nodeB, job);
                var together = new CyclicBarrier(2);

                Future<Boolean> a = twoNodes.submit(atOnce(together, () -> nodeA.takeOver(seenByA)));
                Future<Boolean> b = twoNodes.submit(atOnce(together, () -> nodeB.takeOver(seenByB)));

                assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS))).as("round %d", round)
                        .containsExactlyInAnyOrder(true, false);
                assertThat(leaseOf(job).owner()).isEqualTo(a.get() ? "node-a" : "node-b");
            }
        } finally {
            twoNodes.shutdownNow();
            jdbc.sql("UPDATE import_job SET status = 'AWAITING_REVIEW', run_owner = NULL, run_heartbeat_at = NULL"
                    + " WHERE id = ?").param(job.id()).update();
        }
    }

    private ImportJob awaitingReview(Org org, int rows) {
        return ImportAwait.until(imports, world.submit(org, "programme", programmeCsv(org, rows)),
                ImportStatus.AWAITING_REVIEW);
    }

    private void leaveRunning(ImportJob job, ImportStatus status, String owner, OffsetDateTime heartbeat) {
        jdbc.sql("UPDATE import_job SET status = ?, run_owner = ?, run_heartbeat_at = ? WHERE id = ?")
                .params(status.name(), owner, heartbeat, job.id()).update();
    }

    private Lease leaseOf(ImportJob job) {
        return jdbc.sql("SELECT run_owner, run_heartbeat_at FROM import_job WHERE id = ?").param(job.id())
                .query((rs, i) -> new Lease(rs.getString(1), rs.getObject(2, OffsetDateTime.class))).single();
    }

    private List<String> commitExecutions(ImportJob job) {
        return jdbc.sql("SELECT e.status " + COMMIT_EXECUTIONS + " ORDER BY e.job_execution_id")
                .param(Long.toString(job.id())).query(String.class).list();
    }

    private static ImportRunLease.StaleRun staleRunOf(ImportRunLease node, ImportJob job) {
        return node.staleRuns().stream().filter(run -> run.importId() == job.id()).findFirst().orElseThrow();
    }

    private static Callable<Boolean> atOnce(CyclicBarrier together, Callable<Boolean> takeOver) {
        return () -> {
            together.await(30, TimeUnit.SECONDS);
            return takeOver.call();
        };
    }
}
