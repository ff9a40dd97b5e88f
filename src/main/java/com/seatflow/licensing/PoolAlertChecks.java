package com.seatflow.licensing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.rules.PoolAlert;
import com.seatflow.rules.PoolAlertPolicy;
import com.seatflow.rules.PoolUsage;

/**
 * Mails an organisation's admins when one of its pools reaches 75 % or 100 % use, or nears the end of its validity
 * (the thresholds are in {@code rules/pool-alerts.drl}). Each alert goes out once per pool and kind: the
 * {@code pool_alert} row and the outbox mails are written in one transaction, and the table's unique constraint
 * refuses a second one.
 * <p>
 * Pools are checked after every committed change ({@link SeatsChanged}), off the caller's thread so that neither a
 * request nor an import's commit waits for it; changes that arrive while a check runs are coalesced, so a pool is
 * checked once however many entries it got. A daily check of every pool that has not ended catches validity endings
 * (time passes without any change) and anything a stopped node missed.
 */
@Component
class PoolAlertChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PoolAlertChecks.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final LicensingManagement licensing;
    private final OrganisationManagement organisations;
    private final PoolAlertPolicy policy;
    private final Identities identities;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate newTransaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "seatflow-pool-alerts");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    PoolAlertChecks(JdbcClient jdbc, LicensingManagement licensing, OrganisationManagement organisations,
            PoolAlertPolicy policy, Identities identities, Outbox outbox, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.licensing = licensing;
        this.organisations = organisations;
        this.policy = policy;
        this.identities = identities;
        this.outbox = outbox;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void afterSeatsChanged(SeatsChanged event) {
        pending.add(event.poolId());
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                drainScheduled.set(false);
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<Long> poolIds = new ArrayList<>();
        for (Iterator<Long> it = pending.iterator(); it.hasNext();) {
            poolIds.add(it.next());
            it.remove();
        }
        if (poolIds.isEmpty()) {
            return;
        }
        try {
            check(poolIds);
        } catch (RuntimeException e) {
            log.warn("Pool alerts for pools {} not checked (the daily check will): {}", poolIds, e.toString());
        }
    }

    /** The daily check (job {@code poolAlertCheck}): every pool that has not ended. Returns the number of alerts sent. */
    public int checkAll() {
        List<Long> poolIds = jdbc.sql("SELECT id FROM seat_pool WHERE valid_until IS NULL OR valid_until > ? ORDER BY id")
                .param(OffsetDateTime.now(clock)).query(Long.class).list();
        int sent = 0;
        for (int from = 0; from < poolIds.size(); from += BATCH) {
            sent += check(poolIds.subList(from, Math.min(poolIds.size(), from + BATCH)));
        }
        if (sent > 0) {
            log.info("Daily pool check: {} pool(s) checked, {} alert(s) sent", poolIds.size(), sent);
        }
        return sent;
    }

    /** Asks the rules about these pools and sends every alert that holds and was not sent before. */
    synchronized int check(Collection<Long> poolIds) {
        Instant now = Instant.now(clock);
        Map<Long, SeatPool> pools = new HashMap<>();
        List<PoolUsage> usages = new ArrayList<>();
        for (SeatPool pool : licensing.pools(poolIds)) {
            pools.put(pool.id(), pool);
            usages.add(new PoolUsage(pool.id(), pool.total(), pool.used(), daysLeft(pool, now)));
        }
        List<PoolAlert> alerts = policy.alertsFor(usages);
        if (alerts.isEmpty()) {
            return 0;
        }
        Set<String> alreadySent = new HashSet<>(jdbc.sql("SELECT pool_id, kind FROM pool_alert WHERE pool_id IN (:ids)")
                .param("ids", pools.keySet()).query((rs, i) -> rs.getLong(1) + ":" + rs.getString(2)).list());
        Map<Long, Organisation> orgs = new HashMap<>();
        int sent = 0;
        for (PoolAlert alert : alerts) {
            if (!alreadySent.contains(alert.poolId() + ":" + alert.kind().name())) {
                SeatPool pool = pools.get(alert.poolId());
                Organisation org = orgs.computeIfAbsent(pool.orgId(), organisations::byId);
                sent += send(alert, pool, org) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean send(PoolAlert alert, SeatPool pool, Organisation org) {
        List<String> recipients = identities.emailsOf(OrgRoles.adminGroup(org.code()));
        if (recipients.isEmpty()) {
            log.info("Pool {} of {} calls for a {} alert but the organisation has no admin with an email address",
                    pool.id(), org.code(), alert.kind());
            return false;
        }
        String where = describe(pool);
        String subject = switch (alert.kind()) {
            case USAGE_75 -> "Seat pool " + where + " of " + org.name() + " is 75 % used";
            case USAGE_100 -> "Seat pool " + where + " of " + org.name() + " is fully used";
            case ENDING_SOON -> "Seat pool " + where + " of " + org.name() + " ends on "
                    + WHEN.format(pool.validUntil());
        };
        String body = """
                Hello,

                The seat pool %s of %s needs your attention: %s.

                Seats: %d in total, %d reserved for pending invitations, %d consumed, %d free.
                Valid until: %s

                To add seats to this pool: POST /api/orgs/%s/pools/%d/seats with the seats and your order reference.
                """.formatted(where, org.name(), alert.reason(), pool.total(), pool.reserved(), pool.consumed(),
                pool.free(), pool.validUntil() == null ? "no end date" : WHEN.format(pool.validUntil()), org.code(),
                pool.id());
        try {
            newTransaction.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO pool_alert (pool_id, kind, sent_at, recipients) VALUES (?, ?, ?, ?)")
                        .params(pool.id(), alert.kind().name(), OffsetDateTime.now(clock), recipients.size()).update();
                outbox.enqueue("POOL_" + alert.kind().name(), recipients, subject, body);
            });
        } catch (DuplicateKeyException sentMeanwhile) {
            return false;
        }
        log.info("Pool alert {} for pool {} of {} queued for {} admin(s)", alert.kind(), pool.id(), org.code(),
                recipients.size());
        return true;
    }

    private String describe(SeatPool pool) {
        String group = pool.groupId() == null ? "" : ", group " + organisations.groupById(pool.groupId()).code();
        return pool.productCode() + (pool.runCode() == null ? "" : "/" + pool.runCode()) + " (pool #" + pool.id()
                + group + ")";
    }

    private static Integer daysLeft(SeatPool pool, Instant now) {
        if (pool.validUntil() == null) {
            return null;
        }
        if (!pool.validUntil().isAfter(now)) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(now, pool.validUntil()).toDays());
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
