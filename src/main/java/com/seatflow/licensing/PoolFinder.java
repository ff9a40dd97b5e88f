package com.seatflow.licensing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which of an organisation's pools a seat for a product (or programme run) comes from. */
@Component
public class PoolFinder {

    private final JdbcClient jdbc;
    private final LicensingManagement licensing;
    private final Clock clock;

    PoolFinder(JdbcClient jdbc, LicensingManagement licensing, Clock clock) {
        this.jdbc = jdbc;
        this.licensing = licensing;
        this.clock = clock;
    }

    /**
     * The organisation's own pool for the run if it has one, else its pool for the whole programme; among several,
     * a pool that is still valid and has free seats comes first.
     */
    public Optional<SeatPool> orgPoolFor(long orgId, long productId, Long runId) {
        return jdbc.sql("""
                SELECT id FROM seat_pool
                 WHERE org_id = :org AND group_id IS NULL AND product_id = :product
                   AND (run_id = :run OR run_id IS NULL)
                 ORDER BY CASE WHEN run_id IS NULL THEN 1 ELSE 0 END,
                          CASE WHEN valid_until IS NULL OR valid_until > :now THEN 0 ELSE 1 END,
                          CASE WHEN total - reserved - consumed > 0 THEN 0 ELSE 1 END, id
                 FETCH FIRST 1 ROWS ONLY""")
                .param("org", orgId).param("product", productId).param("run", runId == null ? -1L : runId)
                .param("now", OffsetDateTime.now(clock))
                .query(Long.class).optional().map(licensing::pool);
    }
}
