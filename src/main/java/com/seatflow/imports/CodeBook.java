package com.seatflow.imports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The programme codes, run codes and seat pools an import may refer to, read once per job so that rows are resolved
 * in memory instead of one query per row. Run-specific pools win over the programme's pool.
 */
class CodeBook {

    record Resolved(Long productId, Long runId, Long poolId) {
    }

    private final Map<String, Long> programmes = new HashMap<>();
    private final Map<String, Long> runs = new HashMap<>();
    private final Map<String, Long> pools = new HashMap<>();

    CodeBook(JdbcClient jdbc, long orgId, Clock clock) {
        jdbc.sql("SELECT code, id FROM product WHERE kind = 'PROGRAMME'")
                .query(rs -> {
                    programmes.put(rs.getString(1), rs.getLong(2));
                });
        jdbc.sql("SELECT p.code, r.code, r.id FROM programme_run r JOIN product p ON p.id = r.product_id")
                .query(rs -> {
                    runs.put(rs.getString(1) + "\n" + rs.getString(2), rs.getLong(3));
                });
        // Per product and run the newest pool still valid wins; an expired one is kept only when there is no other,
        // so the seat rules can say it expired.
        jdbc.sql("""
                SELECT product_id, run_id, id FROM seat_pool WHERE org_id = ? AND group_id IS NULL
                 ORDER BY CASE WHEN valid_until IS NULL OR valid_until > ? THEN 0 ELSE 1 END, id DESC""")
                .params(orgId, OffsetDateTime.now(clock))
                .query(rs -> {
                    pools.putIfAbsent(rs.getLong(1) + "\n" + rs.getObject(2), rs.getLong(3));
                });
    }

    Long programme(String code) {
        return programmes.get(code);
    }

    Long run(String programmeCode, String runCode) {
        return runs.get(programmeCode + "\n" + runCode);
    }

    Long pool(long productId, long runId) {
        Long runPool = pools.get(productId + "\n" + runId);
        return runPool != null ? runPool : pools.get(productId + "\n" + null);
    }
}
