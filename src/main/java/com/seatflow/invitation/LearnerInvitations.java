package com.seatflow.invitation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.Outbox;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.Normalise;
import com.seatflow.platform.SqlTime;

/**
 * Invitations that bring a learner onto a product (programme runs now, groups later): each holds one reserved seat
 * per pool until it is accepted (the seat is consumed), canceled or expires (the seat is released).
 */
@Service
public class LearnerInvitations {

    private static final int IDS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;
    private final LicensingManagement licensing;
    private final Outbox outbox;
    private final GroupManagement groups;
    private final Clock clock;

    LearnerInvitations(JdbcClient jdbc, LicensingManagement licensing, Outbox outbox, GroupManagement groups,
            Clock clock) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.licensing = licensing;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record ProgrammeInvitationRequest(long orgId, long productId, long runId, String runCode, long poolId,
            String email, String externalLearnerId, Instant expiresAt) {
    }

    /** Creates a pending programme invitation holding a seat of its pool, and queues its mail. */
    @Transactional
    public long inviteToProgrammeRun(ProgrammeInvitationRequest request, String actor) {
        String emailNorm = Normalise.email(request.email());
        pendingFor(request.orgId(), emailNorm, request.runId()).ifPresent(existing -> {
            throw new ConflictException(request.email() + " already has a pending invitation (#" + existing
                    + ") to run " + request.runCode());
        });
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, product_id, run_id, email, email_norm, external_learner_id, status,
                                        expires_at, created_at)
                VALUES ('PROGRAMME', ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(request.orgId(), request.productId(), request.runId(), request.email().strip(), emailNorm,
                        request.externalLearnerId(), SqlTime.of(request.expiresAt()), OffsetDateTime.now(clock))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        jdbc.sql("INSERT INTO invitation_seat (invitation_id, pool_id) VALUES (?, ?)").params(id, request.poolId())
                .update();
        licensing.reserve(request.poolId(), 1, actor, "invitation #" + id + " to " + request.runCode(),
                LedgerSource.api("invitation-" + id));
        outbox.enqueueInvitation("PROGRAMME_INVITATION", id, request.email().strip());
        return id;
    }

    /**
     * Refuses a learner id that a pending programme invitation gives to another email, or an email that a pending
     * invitation pairs with another learner id: otherwise the first one accepted would leave the other unacceptable,
     * holding its seat. (Accepted and imported pairs are learner ids of accounts: see LearnerAccounts.checkLearnerId.)
     */
    public void checkPendingLearnerId(long orgId, String externalLearnerId, String email) {
        String emailNorm = Normalise.email(email);
        jdbc.sql("""
                SELECT MIN(id) FROM invitation
                 WHERE org_id = ? AND external_learner_id = ? AND status = 'PENDING' AND import_id IS NULL
                   AND kind = 'PROGRAMME' AND email_norm <> ?""").params(orgId, externalLearnerId, emailNorm)
                .query(Long.class).optional().ifPresent(other -> {
                    throw new ConflictException("Learner id " + externalLearnerId + " is in a pending invitation (#"
                            + other + ") to another email in this organisation");
                });
        jdbc.sql("""
                SELECT MIN(external_learner_id) FROM invitation
                 WHERE org_id = ? AND email_norm = ? AND status = 'PENDING' AND kind = 'PROGRAMME'
                   AND external_learner_id <> ?""").params(orgId, emailNorm, externalLearnerId)
                .query(String.class).optional().ifPresent(other -> {
                    throw new ConflictException(email + " has a pending invitation with the learner id " + other
                            + " in this organisation");
                });
    }

    public Optional<Long> pendingFor(long orgId, String emailNorm, long runId) {
        return jdbc.sql("""
                SELECT MIN(id) FROM invitation
                 WHERE org_id = ? AND email_norm = ? AND run_id = ? AND status = 'PENDING'""")
                .params(orgId, emailNorm, runId).query(Long.class).optional();
    }

    public Optional<Long> pendingInGroup(long groupId, String emailNorm) {
        return jdbc.sql("""
                SELECT MIN(id) FROM invitation
                 WHERE group_id = ? AND email_norm = ? AND kind = 'GROUP' AND status = 'PENDING'""")
                .params(groupId, emailNorm).query(Long.class).optional();
    }

    public List<InvitationView> forGroup(long orgId, long groupId) {
        return jdbc.sql(InvitationView.SELECT + " WHERE i.org_id = ? AND i.group_id = ? ORDER BY i.id").params(orgId, groupId)
                .query(InvitationView.class).list();
    }

    /** An active enrolment on the pool's product (and the run, if any), whose seat the caller has just consumed. */
    public void enrol(long userId, com.seatflow.licensing.SeatPool pool, Long runId) {
        jdbc.sql("""
                INSERT INTO enrolment (user_id, product_id, run_id, pool_id, status, progress, started_at)
                VALUES (?, ?, ?, ?, 'ACTIVE', 0, ?)""")
                .params(userId, pool.productId(), runId != null ? runId : pool.runId(), pool.id(),
                        OffsetDateTime.now(clock)).update();
    }

    /** {@link #enrol} for many accounts at once, a statement per {@value #IDS_PER_STATEMENT} of them. */
    public void enrolAll(List<Long> userIds, com.seatflow.licensing.SeatPool pool) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        forEachSlice(userIds, slice -> jdbc.sql("""
                INSERT INTO enrolment (user_id, product_id, run_id, pool_id, status, progress, started_at)
                SELECT id, :product, CAST(:run AS BIGINT), :pool, 'ACTIVE', 0, :now FROM user_account
                 WHERE id IN (:users)""")
                .param("product", pool.productId()).param("run", pool.runId()).param("pool", pool.id())
                .param("now", now).param("users", slice).update());
    }

    /** Makes each of the pending invitations hold a seat of {@code poolId} too (the caller reserves the seats). */
    public void holdSeats(List<Long> invitationIds, long poolId) {
        forEachSlice(invitationIds, slice -> jdbc.sql("""
                INSERT INTO invitation_seat (invitation_id, pool_id)
                SELECT id, CAST(:pool AS BIGINT) FROM invitation WHERE id IN (:ids)""")
                .param("pool", poolId).param("ids", slice).update());
    }

    private static void forEachSlice(List<Long> ids, java.util.function.Consumer<List<Long>> statement) {
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            statement.accept(ids.subList(from, Math.min(from + IDS_PER_STATEMENT, ids.size())));
        }
    }

    public List<InvitationView> forRun(long orgId, long runId) {
        return jdbc.sql(InvitationView.SELECT + " WHERE i.org_id = ? AND i.run_id = ? ORDER BY i.id").params(orgId, runId)
                .query(InvitationView.class).list();
    }

    public InvitationView require(long orgId, long invitationId) {
        return jdbc.sql(InvitationView.SELECT + " WHERE i.org_id = ? AND i.id = ?").params(orgId, invitationId)
                .query(InvitationView.class).optional()
                .orElseThrow(() -> new NotFoundException("This organisation has no invitation " + invitationId));
    }

    /** Cancels a pending learner invitation: status CANCELED, its seats released, its link dead. */
    @Transactional
    public InvitationView cancel(long orgId, long invitationId, String actor) {
        InvitationView invitation = require(orgId, invitationId);
        int updated = jdbc.sql("UPDATE invitation SET status = 'CANCELED' WHERE id = ? AND status = 'PENDING'")
                .param(invitationId).update();
        if (updated == 0) {
            throw new ConflictException("Invitation " + invitationId + " is " + invitation.status()
                    + "; only a pending invitation can be canceled");
        }
        releaseSeats(invitationId, actor, "invitation #" + invitationId + " canceled");
        return require(orgId, invitationId);
    }

    /** Marks up to {@code limit} overdue learner invitations EXPIRED and releases their seats; returns how many. */
    @Transactional
    public int expireOverdue(int limit) {
        List<Long> overdue = jdbc.sql("""
                SELECT id FROM invitation
                 WHERE status = 'PENDING' AND kind IN ('PROGRAMME', 'GROUP') AND expires_at <= ?
                 ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param(OffsetDateTime.now(clock)).query(Long.class).list();
        if (overdue.isEmpty()) {
            return 0;
        }
        jdbc.sql("UPDATE invitation SET status = 'EXPIRED' WHERE id IN (:ids) AND status = 'PENDING'")
                .param("ids", overdue).update();
        jdbc.sql("""
                SELECT pool_id, COUNT(*) FROM invitation_seat WHERE invitation_id IN (:ids) GROUP BY pool_id""")
                .param("ids", overdue)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list()
                .forEach(seats -> licensing.release(seats[0], (int) seats[1], "system",
                        seats[1] + " invitation(s) expired", LedgerSource.system("invitation-expiry")));
        return overdue.size();
    }

    /**
     * Queues a reminder (a mail with a fresh link) for up to {@code limit} pending learner invitations that expire
     * within {@code window} and were not reminded yet; returns how many.
     */
    @Transactional
    public int remindExpiringSoon(java.time.Duration window, int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<InvitationView> due = jdbc.sql(InvitationView.SELECT + """
                 WHERE i.status = 'PENDING' AND i.kind IN ('PROGRAMME', 'GROUP') AND i.reminded_at IS NULL
                   AND i.expires_at > ? AND i.expires_at <= ?
                 ORDER BY i.id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .params(now, now.plus(window)).query(InvitationView.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.sql("UPDATE invitation SET reminded_at = :now WHERE id IN (:ids)").param("now", now)
                .param("ids", due.stream().map(InvitationView::id).toList()).update();
        due.forEach(invitation -> outbox.enqueueInvitation("INVITATION_REMINDER", invitation.id(), invitation.email()));
        return due.size();
    }

    /**
     * Accepts a pending learner invitation (programme run or group) for the given account: each seat it held is
     * consumed and an active enrolment on that pool's product (and run) is created.
     */
    @Transactional
    public void accept(long invitationId, long userId) {
        int updated = jdbc.sql("""
                UPDATE invitation SET status = 'ACCEPTED', user_id = ?
                 WHERE id = ? AND status = 'PENDING' AND expires_at > ?""")
                .params(userId, invitationId, OffsetDateTime.now(clock)).update();
        if (updated == 0) {
            throw new ConflictException("This invitation is no longer pending: it was canceled, has expired or was "
                    + "already answered");
        }
        Long runId = jdbc.sql("SELECT run_id FROM invitation WHERE id = ?").param(invitationId).query(Long.class)
                .optional().orElse(null);
        jdbc.sql("SELECT pool_id FROM invitation_seat WHERE invitation_id = ?").param(invitationId).query(Long.class)
                .list().forEach(poolId -> {
                    licensing.apply(poolId, LedgerEntryType.CONSUME, 0, -1, 1, "learner " + userId,
                            "invitation #" + invitationId + " accepted", LedgerSource.api("invitation-" + invitationId));
                    enrol(userId, licensing.pool(poolId), runId);
                });
        jdbc.sql("SELECT group_id FROM invitation WHERE id = ? AND group_id IS NOT NULL").param(invitationId)
                .query(Long.class).optional().ifPresent(groupId -> groups.addMember(groupId, userId));
    }

    /** Declines a pending learner invitation: its seats are released. */
    @Transactional
    public void decline(long invitationId, String email) {
        int updated = jdbc.sql("UPDATE invitation SET status = 'DECLINED' WHERE id = ? AND status = 'PENDING'")
                .param(invitationId).update();
        if (updated == 0) {
            throw new ConflictException("This invitation is no longer pending");
        }
        releaseSeats(invitationId, email, "invitation #" + invitationId + " declined");
    }

    /** What the invitation page needs to say about a learner invitation. */
    public record Details(String orgName, String subject, long orgId) {
    }

    public Details details(long invitationId) {
        return jdbc.sql("""
                SELECT o.name AS org_name,
                       COALESCE(p.name || COALESCE(' (run ' || r.code || ')', ''), 'the group ' || g.name) AS subject,
                       o.id AS org_id
                  FROM invitation i JOIN organisation o ON o.id = i.org_id
                  LEFT JOIN product p ON p.id = i.product_id
                  LEFT JOIN programme_run r ON r.id = i.run_id
                  LEFT JOIN learner_group g ON g.id = i.group_id
                 WHERE i.id = ?""").param(invitationId).query(Details.class).single();
    }

    private void releaseSeats(long invitationId, String actor, String reason) {
        jdbc.sql("SELECT pool_id FROM invitation_seat WHERE invitation_id = ?").param(invitationId).query(Long.class)
                .list().forEach(pool -> licensing.release(pool, 1, actor, reason,
                        LedgerSource.api("invitation-" + invitationId)));
    }
}
