package com.seatflow.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.licensing.ProductCatalogue;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerAccounts.Account;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.SqlTime;
import com.seatflow.platform.TimeParameters;

/**
 * Enrolments: taking a seat to enrol a learner, ending enrolments, recording the progress the learning platform
 * reports (each event once), and the progress of a group's members.
 */
@Service
public class EnrolmentManagement {

    private static final String SELECT = """
            SELECT e.id, e.user_id, e.product_id, pr.code AS product_code, pr.name AS product_name, e.run_id, e.pool_id,
                   e.status, e.progress, e.started_at, e.first_activity_at, e.last_activity_at, e.completed_at
              FROM enrolment e JOIN product pr ON pr.id = e.product_id
            """;

    private final JdbcClient jdbc;
    private final LicensingManagement licensing;
    private final ProductCatalogue catalogue;
    private final LearnerAccounts accounts;
    /** How far a platform's clock may run ahead of Seatflow's before its event times count as in the future. */
    private static final Duration CLOCK_SKEW_ALLOWED = Duration.ofMinutes(5);

    private final Clock clock;

    EnrolmentManagement(JdbcClient jdbc, LicensingManagement licensing, ProductCatalogue catalogue,
            LearnerAccounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.licensing = licensing;
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Consumes one seat of the pool and enrols the learner on its product; refused if the pool cannot give it. */
    @Transactional
    public long enrol(long userId, SeatPool pool, String actor, String reason, LedgerSource source) {
        licensing.apply(pool.id(), LedgerEntryType.CONSUME, 0, 0, 1, actor, reason, source);
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO enrolment (user_id, product_id, run_id, pool_id, status, progress, started_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', 0, ?)""")
                .params(userId, pool.productId(), pool.runId(), pool.id(), OffsetDateTime.now(clock))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** The learner's enrolments on seats of these pools that have not been removed. */
    public List<Enrolment> currentInPools(long userId, Collection<Long> poolIds) {
        if (poolIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE e.user_id = :user AND e.pool_id IN (:pools) AND e.status <> 'REMOVED' ORDER BY e.id")
                .param("user", userId).param("pools", poolIds).query(Enrolment.class).list();
    }

    /**
     * Ends the learner's enrolments on seats of these pools (status REMOVED) and returns them as they are now. The
     * seats stay consumed.
     */
    @Transactional
    public List<Enrolment> removeFromPools(long userId, Collection<Long> poolIds) {
        List<Long> ids = currentInPools(userId, poolIds).stream().map(Enrolment::id).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE enrolment SET status = 'REMOVED' WHERE id IN (:ids)").param("ids", ids).update();
        return jdbc.sql(SELECT + " WHERE e.id IN (:ids) ORDER BY e.id").param("ids", ids).query(Enrolment.class).list();
    }

    public Enrolment require(long enrolmentId) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(enrolmentId).query(Enrolment.class).optional()
                .orElseThrow(() -> new NotFoundException("No enrolment " + enrolmentId));
    }

    /**
     * Records one progress event and applies it to the learner's current enrolments on the product (or run): the
     * first and last activity, the highest progress reported, and COMPLETED. An event id seen before changes nothing.
     */
    @Transactional
    public ProgressEventRecorded record(ProgressEvent event, String receivedBy) {
        String eventId = requireEventId(event.eventId());
        Optional<Instant> seen = jdbc.sql("SELECT received_at FROM progress_event WHERE event_id = ?").param(eventId)
                .query(Instant.class).optional();
        if (seen.isPresent()) {
            return jdbc.sql("""
                    SELECT COUNT(e.id) AS enrolments, COALESCE(MAX(e.progress), 0) AS progress, MIN(e.status) AS status
                      FROM progress_event p
                      LEFT JOIN enrolment e ON e.user_id = p.user_id AND e.product_id = p.product_id
                       AND (p.run_id IS NULL OR e.run_id = p.run_id) AND e.status <> 'REMOVED'
                     WHERE p.event_id = ?""").param(eventId)
                    .query((rs, n) -> new ProgressEventRecorded(eventId, true, seen.get(), rs.getInt("enrolments"),
                            rs.getInt("progress"), rs.getString("status")))
                    .single();
        }
        String email = EmailAddresses.requireValid(event.email(), "email");
        if (event.productCode() == null || event.productCode().isBlank()) {
            throw new IllegalArgumentException("productCode is required");
        }
        if (event.type() == null) {
            throw new IllegalArgumentException("type is required: STARTED, PROGRESS or COMPLETED");
        }
        if (event.at() == null) {
            throw new IllegalArgumentException("at is required: when the event happened, e.g. 2026-03-01T09:30:00Z");
        }
        TimeParameters.inRange("at", event.at());
        Instant latest = Instant.now(clock).plus(CLOCK_SKEW_ALLOWED);
        if (event.at().isAfter(latest)) {
            throw new IllegalArgumentException("at " + event.at() + " is in the future: an event is reported after it"
                    + " happened (up to " + CLOCK_SKEW_ALLOWED.toMinutes() + " minutes ahead of Seatflow's clock is"
                    + " allowed for clocks that differ)");
        }
        int percent = percentOf(event);
        Account learner = accounts.byEmail(email)
                .orElseThrow(() -> new NotFoundException("No learner with the email " + email));
        Product product = catalogue.product(event.productCode().strip())
                .orElseThrow(() -> new NotFoundException("No product with code '" + event.productCode() + "'"));
        Long runId = event.runCode() == null || event.runCode().isBlank() ? null
                : catalogue.requireRun(product, event.runCode().strip()).id();
        String what = product.code() + (runId == null ? "" : "/" + event.runCode().strip());

        String match = " WHERE e.user_id = :user AND e.product_id = :product AND (:run = -1 OR e.run_id = :run)";
        List<Long> current = jdbc.sql("SELECT e.id FROM enrolment e" + match + " AND e.status <> 'REMOVED'")
                .param("user", learner.id()).param("product", product.id()).param("run", runId == null ? -1L : runId)
                .query(Long.class).list();
        if (current.isEmpty()) {
            boolean removed = jdbc.sql("SELECT COUNT(*) FROM enrolment e" + match + " AND e.status = 'REMOVED'")
                    .param("user", learner.id()).param("product", product.id())
                    .param("run", runId == null ? -1L : runId).query(Integer.class).single() > 0;
            if (removed) {
                throw new ConflictException(email + " was removed from " + what + "; its progress is no longer recorded");
            }
            throw new NotFoundException(email + " is not enrolled on " + what);
        }

        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime at = SqlTime.of(event.at());
        jdbc.sql("""
                INSERT INTO progress_event (event_id, user_id, product_id, run_id, event_type, percent, occurred_at,
                                            received_at, received_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(eventId, learner.id(), product.id(), runId, event.type().name(), event.percent(), at, now,
                        receivedBy)
                .update();
        boolean completed = event.type() == ProgressEvent.Type.COMPLETED;
        jdbc.sql("""
                UPDATE enrolment SET
                       first_activity_at = CASE WHEN first_activity_at IS NULL OR first_activity_at > :at THEN :at
                                                ELSE first_activity_at END,
                       last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < :at THEN :at
                                               ELSE last_activity_at END,
                       progress = CASE WHEN progress < :percent THEN :percent ELSE progress END,
                       status = CASE WHEN :completed THEN 'COMPLETED' ELSE status END,
                       completed_at = CASE WHEN :completed AND completed_at IS NULL THEN :at ELSE completed_at END
                 WHERE id IN (:ids)""")
                .param("at", at).param("percent", percent).param("completed", completed).param("ids", current)
                .update();
        List<Enrolment> after = jdbc.sql(SELECT + " WHERE e.id IN (:ids) ORDER BY e.id").param("ids", current)
                .query(Enrolment.class).list();
        return new ProgressEventRecorded(eventId, false, now.toInstant(), after.size(),
                after.stream().mapToInt(Enrolment::progress).max().orElse(0), after.get(0).status());
    }

    /** Each member of the group on each module the group holds seats for, members and modules in order. */
    public List<ProgressRow> progressOfGroup(long groupId) {
        return jdbc.sql("""
                SELECT g.code AS group_code, u.email, u.first_name, u.last_name, pr.code AS module_code,
                       pr.name AS module_name, COALESCE(e.status, 'NOT_ENROLLED') AS status,
                       COALESCE(e.progress, 0) AS progress, e.started_at AS enrolled_at,
                       e.first_activity_at AS started_at, e.last_activity_at, e.completed_at
                  FROM group_member m
                  JOIN learner_group g ON g.id = m.group_id
                  JOIN user_account u ON u.id = m.user_id
                  JOIN (SELECT DISTINCT product_id FROM seat_pool WHERE group_id = :group) gm ON 1 = 1
                  JOIN product pr ON pr.id = gm.product_id
                  LEFT JOIN enrolment e ON e.user_id = m.user_id AND e.product_id = gm.product_id
                       AND e.status <> 'REMOVED'
                       AND e.pool_id IN (SELECT id FROM seat_pool WHERE group_id = :group)
                 WHERE m.group_id = :group
                 ORDER BY u.email_norm, pr.code, e.id""").param("group", groupId).query(ProgressRow.class).list();
    }

    private static String requireEventId(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId is required: the learning platform's id of the event");
        }
        if (eventId.strip().length() > 100) {
            throw new IllegalArgumentException("eventId must not be longer than 100 characters");
        }
        return eventId.strip();
    }

    private static int percentOf(ProgressEvent event) {
        Integer percent = event.percent();
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("percent must be between 0 and 100, was " + percent);
        }
        return switch (event.type()) {
            case STARTED -> percent == null ? 0 : percent;
            case PROGRESS -> {
                if (percent == null) {
                    throw new IllegalArgumentException("percent is required for a PROGRESS event");
                }
                yield percent;
            }
            case COMPLETED -> 100;
        };
    }
}
