package com.seatflow.licensing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.SqlTime;

/**
 * Seat pools and their ledger. Every counter change goes through {@link #apply} so that the counters and
 * the ledger move in one transaction, and the table's CHECK constraint refuses any overspend. Each change is announced
 * as {@link SeatsChanged} (pool alerts are checked once it has committed).
 */
@Service
public class LicensingManagement {

    private static final String POOL_SELECT = """
            SELECT p.id, p.org_id, p.group_id, p.product_id, pr.code AS product_code, p.run_id, r.code AS run_code,
                   p.total, p.reserved, p.consumed, p.valid_from, p.valid_until
              FROM seat_pool p
              JOIN product pr ON pr.id = p.product_id
              LEFT JOIN programme_run r ON r.id = p.run_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    LicensingManagement(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    public record Product(long id, String code, String name, String kind) {
    }

    public record ProgrammeRun(long id, long productId, String code) {
    }

    public record LedgerEntry(long id, long poolId, String entryType, int totalDelta, int reservedDelta,
            int consumedDelta, String actor, String reason, String sourceType, String sourceRef, Instant createdAt) {
    }

    @Transactional
    public Product createProduct(String code, String name, String kind) {
        jdbc.sql("INSERT INTO product (code, name, kind) VALUES (?, ?, ?)").params(code, name, kind).update();
        return jdbc.sql("SELECT id, code, name, kind FROM product WHERE code = ?").param(code).query(Product.class)
                .single();
    }

    @Transactional
    public ProgrammeRun createRun(long productId, String code) {
        jdbc.sql("INSERT INTO programme_run (product_id, code) VALUES (?, ?)").params(productId, code).update();
        return jdbc.sql("SELECT id, product_id, code FROM programme_run WHERE product_id = ? AND code = ?")
                .params(productId, code).query(ProgrammeRun.class).single();
    }

    public Optional<Product> findProduct(String code) {
        return jdbc.sql("SELECT id, code, name, kind FROM product WHERE code = ?").param(code).query(Product.class)
                .optional();
    }

    public Optional<ProgrammeRun> findRun(long productId, String code) {
        return jdbc.sql("SELECT id, product_id, code FROM programme_run WHERE product_id = ? AND code = ?")
                .params(productId, code).query(ProgrammeRun.class).optional();
    }

    /**
     * The pool that currently gives seats of a product (and run, if any) to an organisation or one of its groups
     * (groupId null: the organisation's own pool): the newest one that has not expired.
     */
    public Optional<SeatPool> livePool(long orgId, Long groupId, long productId, Long runId) {
        return newestLivePool(orgId, groupId, productId, runId == null ? "p.run_id IS NULL" : "p.run_id = :run", runId);
    }

    /**
     * A group's live pool of a product, for whichever run (or the whole programme). A group holds one: each member
     * takes one seat of each of its pools, so a second pool of the same product would take two seats of it.
     */
    public Optional<SeatPool> liveGroupPoolOfProduct(long orgId, long groupId, long productId) {
        return newestLivePool(orgId, groupId, productId, "1 = 1", null);
    }

    private Optional<SeatPool> newestLivePool(long orgId, Long groupId, long productId, String runCondition,
            Long runId) {
        var statement = jdbc.sql(POOL_SELECT + " WHERE p.org_id = :org AND p.product_id = :product AND "
                + (groupId == null ? "p.group_id IS NULL" : "p.group_id = :group") + " AND " + runCondition
                + " AND (p.valid_until IS NULL OR p.valid_until > :now) ORDER BY p.id DESC FETCH FIRST 1 ROWS ONLY")
                .param("org", orgId).param("product", productId).param("now", OffsetDateTime.now(clock));
        if (groupId != null) {
            statement = statement.param("group", groupId);
        }
        if (runId != null) {
            statement = statement.param("run", runId);
        }
        return statement.query(SeatPool.class).optional();
    }

    /** Buys seats: a new pool holding {@code seats}, recorded as a PURCHASE ledger entry. */
    @Transactional
    public SeatPool purchase(long orgId, Long groupId, long productId, Long runId, int seats, Instant validUntil,
            String actor, String orderReference) {
        if (seats <= 0) {
            throw new IllegalArgumentException("seats must be positive, was " + seats);
        }
        long poolId = openPool(orgId, groupId, productId, runId, validUntil);
        apply(poolId, LedgerEntryType.PURCHASE, seats, 0, 0, actor, "order " + orderReference,
                LedgerSource.api(orderReference));
        return pool(poolId);
    }

    /**
     * The organisation's own (not a group's) pool of a product and run, opened empty (no ledger entry: all counters
     * are zero) with {@code validUntil} when it has none. Callers serialise on the organisation (see
     * {@code OrganisationManagement.lock}) so that two of them never open two pools.
     */
    @Transactional
    public SeatPool orgPoolFor(long orgId, long productId, Long runId, Instant validUntil) {
        var query = jdbc.sql(POOL_SELECT + " WHERE p.org_id = :org AND p.group_id IS NULL AND p.product_id = :product"
                + (runId == null ? " AND p.run_id IS NULL" : " AND p.run_id = :run") + " ORDER BY p.id")
                .param("org", orgId).param("product", productId);
        if (runId != null) {
            query = query.param("run", runId);
        }
        return query.query(SeatPool.class).list().stream().findFirst()
                .orElseGet(() -> pool(openPool(orgId, null, productId, runId, validUntil)));
    }

    /** A new, empty pool (no seats, so no ledger entry yet): seats arrive by a purchase or an allocation. */
    long openPool(long orgId, Long groupId, long productId, Long runId, Instant validUntil) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO seat_pool (org_id, group_id, product_id, run_id, total, reserved, consumed, valid_from, valid_until)
                VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?)""")
                .params(orgId, groupId, productId, runId, OffsetDateTime.now(clock), SqlTime.of(validUntil))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Holds {@code seats} of a pool for pending invitations; refused if the pool has fewer free seats. */
    @Transactional
    public void reserve(long poolId, int seats, String actor, String reason, LedgerSource source) {
        apply(poolId, LedgerEntryType.RESERVE, 0, seats, 0, actor, reason, source);
    }

    @Transactional
    public void release(long poolId, int seats, String actor, String reason, LedgerSource source) {
        apply(poolId, LedgerEntryType.RELEASE, 0, -seats, 0, actor, reason, source);
    }

    /**
     * Moves a pool's counters and appends the matching ledger entry in one transaction. The UPDATE only matches
     * while the pool stays within its seats and validity, so two concurrent callers can never both take the last seat,
     * and within what its INTEGER counters hold (compared as BIGINT, so the check itself cannot overflow).
     */
    @Transactional
    public void apply(long poolId, LedgerEntryType type, int totalDelta, int reservedDelta, int consumedDelta,
            String actor, String reason, LedgerSource source) {
        int updated;
        try {
            updated = jdbc.sql("""
                    UPDATE seat_pool SET total = total + :dt, reserved = reserved + :dr, consumed = consumed + :dc
                     WHERE id = :id
                       AND CAST(total AS BIGINT) + :dt - reserved - :dr - consumed - :dc >= 0
                       AND CAST(total AS BIGINT) + :dt <= 2147483647
                       AND CAST(reserved AS BIGINT) + :dr >= 0 AND CAST(consumed AS BIGINT) + :dc >= 0
                       AND (:dr + :dc <= 0 OR valid_until IS NULL OR valid_until > :now)""")
                    .param("dt", totalDelta).param("dr", reservedDelta).param("dc", consumedDelta)
                    .param("id", poolId).param("now", OffsetDateTime.now(clock))
                    .update();
        } catch (DataIntegrityViolationException concurrentOverspend) {
            updated = 0;
        }
        if (updated == 0) {
            SeatPool pool = findPool(poolId).orElseThrow(() -> new NotFoundException("No seat pool " + poolId));
            String action = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if ((long) pool.total() + totalDelta > Integer.MAX_VALUE) {
                // the counters are INTEGER columns: the UPDATE leaves a pool alone that would overflow
                throw new SeatsUnavailableException("Seat pool " + pool.label() + " cannot " + action + " "
                        + totalDelta + " seat(s): it holds " + pool.total() + " and a pool holds at most "
                        + Integer.MAX_VALUE);
            }
            throw new SeatsUnavailableException("Seat pool " + pool.label() + " cannot " + action
                    + " " + Math.max(Math.abs(reservedDelta + consumedDelta), Math.abs(totalDelta)) + " seat(s): "
                    + pool.free() + " free of " + pool.total()
                    + (pool.validUntil() != null && !pool.validUntil().isAfter(Instant.now(clock))
                            ? ", pool expired " + pool.validUntil() : ""));
        }
        jdbc.sql("""
                INSERT INTO seat_ledger (pool_id, entry_type, total_delta, reserved_delta, consumed_delta, actor, reason,
                                         source_type, source_ref, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(poolId, type.name(), totalDelta, reservedDelta, consumedDelta, actor, reason, source.type(),
                        source.reference(), OffsetDateTime.now(clock))
                .update();
        events.publishEvent(new SeatsChanged(poolId, type));
    }

    public SeatPool pool(long poolId) {
        return findPool(poolId).orElseThrow(() -> new NotFoundException("No seat pool " + poolId));
    }

    public Optional<SeatPool> findPool(long poolId) {
        return jdbc.sql(POOL_SELECT + " WHERE p.id = ?").param(poolId).query(SeatPool.class).optional();
    }

    /** The pools with these ids (those that exist), in id order. */
    List<SeatPool> pools(Collection<Long> poolIds) {
        if (poolIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(POOL_SELECT + " WHERE p.id IN (:ids) ORDER BY p.id").param("ids", poolIds)
                .query(SeatPool.class).list();
    }

    public List<SeatPool> poolsOf(long orgId) {
        return jdbc.sql(POOL_SELECT + " WHERE p.org_id = ? ORDER BY p.id").param(orgId).query(SeatPool.class).list();
    }

    public List<LedgerEntry> ledger(long poolId) {
        return jdbc.sql("""
                SELECT id, pool_id, entry_type, total_delta, reserved_delta, consumed_delta, actor, reason,
                       source_type, source_ref, created_at
                  FROM seat_ledger WHERE pool_id = ? ORDER BY id""").param(poolId).query(LedgerEntry.class).list();
    }

    /** Pools whose counters are not the sum of their ledger: empty when the books balance. */
    public List<PoolDrift> drift() {
        return jdbc.sql("""
                SELECT p.id AS pool_id, p.total, COALESCE(SUM(l.total_delta), 0) AS ledger_total,
                       p.reserved, COALESCE(SUM(l.reserved_delta), 0) AS ledger_reserved,
                       p.consumed, COALESCE(SUM(l.consumed_delta), 0) AS ledger_consumed
                  FROM seat_pool p LEFT JOIN seat_ledger l ON l.pool_id = p.id
                 GROUP BY p.id, p.total, p.reserved, p.consumed
                HAVING p.total <> COALESCE(SUM(l.total_delta), 0)
                    OR p.reserved <> COALESCE(SUM(l.reserved_delta), 0)
                    OR p.consumed <> COALESCE(SUM(l.consumed_delta), 0)""").query(PoolDrift.class).list();
    }
}
