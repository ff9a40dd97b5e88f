package com.seatflow.imports;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which node runs an import's validation or commit job, and whether it is still at it (the columns run_owner and
 * run_heartbeat_at of import_job). The node that starts a job claims its import, renews the claim while the job runs
 * (after every chunk, and from {@link ImportRunHeartbeat} while it waits or works on a long chunk) and gives it up when
 * the job ended. Several nodes share one database, so another node takes an import over only once its heartbeat is
 * older than {@code seatflow.imports.stale-run-after}: then the node running it has died.
 */
@Component
class ImportRunLease {

    private static final List<String> RUNNING = List.of(ImportStatus.VALIDATING.name(), ImportStatus.COMMITTING.name());
    // updated_at stands in for the heartbeat of an import left running before the lease existed
    private static final String LAST_SIGN_OF_LIFE = "COALESCE(run_heartbeat_at, updated_at)";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration staleAfter;
    private final String node;

    @Autowired
    ImportRunLease(JdbcClient jdbc, Clock clock, ImportSettings settings) {
        this(jdbc, clock, settings.staleRunAfter(), ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** @param node this node's id, new each time it starts, so a restarted node does not mistake its dead runs for live ones */
    ImportRunLease(JdbcClient jdbc, Clock clock, Duration staleAfter, String node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.node = node;
    }

    String node() {
        return node;
    }

    /** This node runs the import's job from now on; call it in the transaction that moves the import to its job. */
    void claim(long importId) {
        jdbc.sql("UPDATE import_job SET run_owner = ?, run_heartbeat_at = ? WHERE id = ?")
                .params(node, now(), importId).update();
    }

    /** Renews the leases of these imports that this node still holds. */
    void renew(Collection<Long> importIds) {
        if (!importIds.isEmpty()) {
            jdbc.sql("UPDATE import_job SET run_heartbeat_at = :now WHERE id IN (:ids) AND run_owner = :node")
                    .param("now", now()).param("ids", importIds).param("node", node).update();
        }
    }

    /**
     * Renews the import's lease, or fails when another node took the import over (this node looked dead to it), so the
     * chunk this is called in rolls back instead of being applied next to the new owner's.
     */
    void renewOrFail(long importId) {
        if (jdbc.sql("UPDATE import_job SET run_heartbeat_at = ? WHERE id = ? AND run_owner = ?")
                .params(now(), importId, node).update() == 0) {
            throw new IllegalStateException("Import " + importId + " was taken over by another node (no heartbeat of"
                    + " this node for " + staleAfter + "); this node's run stops");
        }
    }

    /** Gives the lease up; false when this node no longer holds it (another node took the import over). */
    boolean release(long importId) {
        return jdbc.sql("UPDATE import_job SET run_owner = NULL, run_heartbeat_at = NULL WHERE id = ? AND run_owner = ?")
                .params(importId, node).update() == 1;
    }

    /** An import whose job has shown no sign of life for longer than {@code stale-run-after}. */
    record StaleRun(long importId, ImportStatus status, String owner, OffsetDateTime lastHeartbeat) {
    }

    List<StaleRun> staleRuns() {
        return jdbc.sql("SELECT id, status, run_owner, " + LAST_SIGN_OF_LIFE + " FROM import_job"
                + " WHERE status IN (:running) AND " + LAST_SIGN_OF_LIFE + " < :cutoff ORDER BY id")
                .param("running", RUNNING).param("cutoff", cutoff())
                .query((rs, i) -> new StaleRun(rs.getLong(1), ImportStatus.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    /**
     * Takes a stale import over for this node. The staleness is checked again in the same UPDATE, so of several nodes
     * trying at once exactly one wins: the others find the winner's fresh heartbeat once its row lock is released.
     */
    boolean takeOver(StaleRun run) {
        return jdbc.sql("UPDATE import_job SET run_owner = :node, run_heartbeat_at = :now"
                + " WHERE id = :id AND status = :status AND " + LAST_SIGN_OF_LIFE + " < :cutoff")
                .param("node", node).param("now", now()).param("id", run.importId())
                .param("status", run.status().name()).param("cutoff", cutoff()).update() == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private OffsetDateTime cutoff() {
        return now().minus(staleAfter);
    }
}
