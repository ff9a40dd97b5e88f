package com.seatflow.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.enrolment.Enrolment;
import com.seatflow.enrolment.EnrolmentManagement;
import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;
import com.seatflow.rules.RefundCase;
import com.seatflow.rules.RefundPolicy;
import com.seatflow.rules.RefundVerdict;

/**
 * Requests to give back the seat of a removed member, one per module. The refund-review process decides each: the
 * refund-policy rules first, support in the Tasklist when the rules ask for a review. The requester gets a mail with
 * the outcome either way (or, when the requester's account has no email, the organisation's admins).
 */
@Service
public class RefundRequests {

    private static final String VIEW = """
            SELECT r.id, u.email, pr.code AS module_code, r.reason, r.status, r.decision, r.decided_by, r.requested_by,
                   r.requested_at, r.decided_at
              FROM refund_request r
              JOIN enrolment e ON e.id = r.enrolment_id
              JOIN user_account u ON u.id = e.user_id
              JOIN product pr ON pr.id = e.product_id
            """;

    private final JdbcClient jdbc;
    private final EnrolmentManagement enrolments;
    private final LicensingManagement licensing;
    private final RefundPolicy policy;
    private final Outbox outbox;
    private final Identities identities;
    private final Clock clock;

    RefundRequests(JdbcClient jdbc, EnrolmentManagement enrolments, LicensingManagement licensing, RefundPolicy policy,
            Outbox outbox, Identities identities, Clock clock) {
        this.jdbc = jdbc;
        this.enrolments = enrolments;
        this.licensing = licensing;
        this.policy = policy;
        this.outbox = outbox;
        this.identities = identities;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    long record(LearnerGroup group, Enrolment removed, String reason, String requestedBy, String requesterEmail) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO refund_request (group_id, enrolment_id, reason, requested_by, requester_email, requested_at,
                                            status)
                VALUES (?, ?, ?, ?, ?, ?, 'REQUESTED')""")
                .params(group.id(), removed.id(), reason, requestedBy, requesterEmail, OffsetDateTime.now(clock))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public RefundFacts facts(long refundRequestId) {
        Request request = request(refundRequestId);
        Enrolment enrolment = enrolments.require(request.enrolmentId());
        long days = enrolment.startedAt() == null ? 0
                : Math.max(0, Duration.between(enrolment.startedAt(), request.requestedAt()).toDays());
        return new RefundFacts(refundRequestId, request.orgCode(), request.groupCode(), request.groupName(),
                request.email(), enrolment.productCode(), enrolment.productName(), enrolment.learnerStarted(),
                enrolment.progress(), days, request.reason(), request.requestedBy());
    }

    /** Asks the refund-policy rules; a review leaves the request IN_REVIEW until support decides. */
    @Transactional
    public RefundVerdict applyPolicy(long refundRequestId, String processInstanceId) {
        RefundFacts facts = facts(refundRequestId);
        RefundVerdict verdict = policy.decide(new RefundCase(facts.started(), facts.progress(),
                facts.daysSinceEnrolment(), facts.reason()));
        jdbc.sql("UPDATE refund_request SET process_instance_id = ?, status = ? WHERE id = ?")
                .params(processInstanceId, verdict.outcome() == RefundVerdict.Outcome.REVIEW ? "IN_REVIEW" : "REQUESTED",
                        refundRequestId)
                .update();
        return verdict;
    }

    /** Gives the seat back to its pool (a REFUND ledger entry) and tells the requester. */
    @Transactional
    public void refund(long refundRequestId, String decidedBy, String why) {
        decide(refundRequestId, "REFUNDED", decidedBy, why);
        Request request = request(refundRequestId);
        Enrolment enrolment = enrolments.require(request.enrolmentId());
        licensing.apply(enrolment.poolId(), LedgerEntryType.REFUND, 0, 0, -1, decidedBy,
                "refund request #" + refundRequestId + " for " + request.email() + ": " + why,
                LedgerSource.api("refund-request-" + refundRequestId));
        tell(request, enrolment, "the seat was given back to the group",
                "The seat is free again and can be given to someone else.", why);
    }

    /** Keeps the seat used, and tells the requester why. */
    @Transactional
    public void refuse(long refundRequestId, String decidedBy, String why) {
        decide(refundRequestId, "REFUSED", decidedBy, why);
        Request request = request(refundRequestId);
        tell(request, enrolments.require(request.enrolmentId()), "refused",
                "The seat stays used.", why);
    }

    public List<RefundView> ofGroup(long groupId) {
        return jdbc.sql(VIEW + " WHERE r.group_id = ? ORDER BY r.id").param(groupId).query(RefundView.class).list();
    }

    List<RefundView> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(VIEW + " WHERE r.id IN (:ids) ORDER BY r.id").param("ids", ids).query(RefundView.class).list();
    }

    private void decide(long refundRequestId, String status, String decidedBy, String why) {
        int updated = jdbc.sql("""
                UPDATE refund_request SET status = ?, decision = ?, decided_by = ?, decided_at = ?
                 WHERE id = ? AND status IN ('REQUESTED', 'IN_REVIEW')""")
                .params(status, abbreviate(why), decidedBy, OffsetDateTime.now(clock), refundRequestId).update();
        if (updated == 0) {
            throw new ConflictException("Refund request " + refundRequestId + " has already been decided");
        }
    }

    private void tell(Request request, Enrolment enrolment, String outcome, String consequence, String why) {
        String subject = "Refund for " + request.email() + " on " + enrolment.productCode() + ": " + outcome;
        String body = """
                Hello,

                you asked for the seat of %s on %s (%s) in the group %s to be given back, because: %s

                Outcome: %s. %s
                Why: %s

                Seatflow
                """.formatted(request.email(), enrolment.productName(), enrolment.productCode(), request.groupName(),
                request.reason(), outcome, consequence, why);
        List<String> recipients = request.requesterEmail() != null ? List.of(request.requesterEmail())
                : identities.emailsOf(OrgRoles.adminGroup(request.orgCode()));
        outbox.enqueue("REFUND_DECISION", recipients, subject, body);
    }

    private record Request(long id, String orgCode, String groupCode, String groupName, long enrolmentId, String email,
            String reason, String requestedBy, String requesterEmail, Instant requestedAt) {
    }

    private Request request(long refundRequestId) {
        return jdbc.sql("""
                SELECT r.id, o.code AS org_code, g.code AS group_code, g.name AS group_name, r.enrolment_id, u.email,
                       r.reason, r.requested_by, r.requester_email, r.requested_at
                  FROM refund_request r
                  JOIN learner_group g ON g.id = r.group_id
                  JOIN organisation o ON o.id = g.org_id
                  JOIN enrolment e ON e.id = r.enrolment_id
                  JOIN user_account u ON u.id = e.user_id
                 WHERE r.id = ?""").param(refundRequestId).query(Request.class).optional()
                .orElseThrow(() -> new NotFoundException("No refund request " + refundRequestId));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
