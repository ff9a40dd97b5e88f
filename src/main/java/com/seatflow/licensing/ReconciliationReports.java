package com.seatflow.licensing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The stored results of the ledgerReconciliation job. */
@Component
class ReconciliationReports {

    static final int MAX_DETAILS = 19_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    ReconciliationReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Row(long id, OffsetDateTime runAt, String startedBy, long jobExecutionId, int poolsChecked,
            int drifted, String details) {
    }

    long record(long jobExecutionId, String startedBy, int poolsChecked, List<PoolDrift> drifts) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO reconciliation_report (run_at, started_by, job_execution_id, pools_checked, drifted, details)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.now(clock), startedBy, jobExecutionId, poolsChecked, drifts.size(),
                        describe(drifts))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        for (PoolDrift d : drifts) {
            jdbc.sql("""
                    INSERT INTO reconciliation_drift (report_id, pool_id, total, ledger_total, reserved, ledger_reserved,
                                                      consumed, ledger_consumed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, d.poolId(), d.total(), d.ledgerTotal(), d.reserved(), d.ledgerReserved(), d.consumed(),
                            d.ledgerConsumed())
                    .update();
        }
        return id;
    }

    Optional<ReconciliationReport> byJobExecution(long jobExecutionId) {
        return jdbc.sql(SELECT + " WHERE job_execution_id = ?").param(jobExecutionId).query(Row.class).optional()
                .map(this::withDrifts);
    }

    List<ReconciliationReport> latest(int limit) {
        return jdbc.sql(SELECT + " ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .query(Row.class).list().stream().map(this::withDrifts).toList();
    }

    private static final String SELECT = """
            SELECT id, run_at, started_by, job_execution_id, pools_checked, drifted, details FROM reconciliation_report""";

    private ReconciliationReport withDrifts(Row row) {
        List<PoolDrift> drifts = jdbc.sql("""
                SELECT pool_id, total, ledger_total, reserved, ledger_reserved, consumed, ledger_consumed
                  FROM reconciliation_drift WHERE report_id = ? ORDER BY pool_id""").param(row.id())
                .query(PoolDrift.class).list();
        return new ReconciliationReport(row.id(), row.runAt().toInstant(), row.startedBy(), row.jobExecutionId(),
                row.poolsChecked(), row.drifted(), row.details(), drifts);
    }

    /** One line per drifted pool, cut to fit the column (every drift is also a row of reconciliation_drift). */
    static String describe(List<PoolDrift> drifts) {
        if (drifts.isEmpty()) {
            return "every pool's counters equal the sum of its ledger";
        }
        String all = drifts.stream().map(ReconciliationReports::line).collect(Collectors.joining("\n"));
        if (all.length() <= MAX_DETAILS) {
            return all;
        }
        StringBuilder cut = new StringBuilder();
        int shown = 0;
        for (PoolDrift d : drifts) {
            String line = line(d);
            if (cut.length() + line.length() + 1 > MAX_DETAILS - 40) {
                break;
            }
            cut.append(line).append('\n');
            shown++;
        }
        return cut.append("… and ").append(drifts.size() - shown).append(" more pool(s)").toString();
    }

    static String line(PoolDrift d) {
        return "pool #" + d.poolId() + ": total " + d.total() + " (ledger " + d.ledgerTotal() + "), reserved "
                + d.reserved() + " (ledger " + d.ledgerReserved() + "), consumed " + d.consumed() + " (ledger "
                + d.ledgerConsumed() + ")";
    }
}
