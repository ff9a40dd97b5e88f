package com.seatflow.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.platform.ConflictException;
import com.seatflow.platform.Normalise;

/**
 * Learners' accounts (one per email, compared trimmed and case-insensitively) and the learner ids organisations give
 * them (unique within an organisation, one per learner per organisation).
 */
@Service
public class LearnerAccounts {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    LearnerAccounts(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public record Account(long id, String email, String firstName, String lastName, boolean hasPassword) {
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("""
                SELECT id, email, first_name, last_name, password_hash IS NOT NULL AS has_password
                  FROM user_account WHERE email_norm = ?""").param(Normalise.email(email)).query(Account.class)
                .optional();
    }

    /**
     * The account with this email, created (with the given names and password hash, which may be null) if there is
     * none. The insert runs under a savepoint, so a concurrent creation of the same address leaves the caller's
     * transaction usable and finds that account.
     */
    @Transactional
    public Account findOrCreate(String email, String firstName, String lastName, String passwordHash) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("An account needs an email address");
        }
        Optional<Account> existing = byEmail(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO user_account (email, email_norm, first_name, last_name, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(email.strip(), Normalise.email(email), firstName, lastName, passwordHash,
                            OffsetDateTime.now(clock))
                    .update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another transaction created it first: use that account
        }
        return byEmail(email).orElseThrow();
    }

    /** The bcrypt hash of a learner's password, as stored with the account. */
    public String hashPassword(String password) {
        return BCRYPT.encode(password);
    }

    /** Whether the password is the account's own (never for an account without a password). */
    public boolean passwordMatches(long accountId, String password) {
        return password != null && jdbc.sql("SELECT password_hash FROM user_account WHERE id = ? AND password_hash IS NOT NULL")
                .param(accountId).query(String.class).optional().map(hash -> BCRYPT.matches(password, hash))
                .orElse(false);
    }

    /** Sets a password hash on an account that has none (a new learner setting one from an invitation link). */
    @Transactional
    public void setPasswordIfNone(long accountId, String passwordHash) {
        jdbc.sql("UPDATE user_account SET password_hash = ? WHERE id = ? AND password_hash IS NULL")
                .params(passwordHash, accountId).update();
    }

    /**
     * Refuses a learner id that already belongs to another email in the organisation, or an email whose account
     * already has another learner id there: never a silent overwrite.
     */
    public void checkLearnerId(long orgId, String externalLearnerId, String email) {
        String emailNorm = Normalise.email(email);
        jdbc.sql("""
                SELECT u.email_norm FROM learner_identity l JOIN user_account u ON u.id = l.user_id
                 WHERE l.org_id = ? AND l.external_learner_id = ?""").params(orgId, externalLearnerId)
                .query(String.class).optional().filter(owner -> !owner.equals(emailNorm)).ifPresent(owner -> {
                    throw new ConflictException("Learner id " + externalLearnerId
                            + " already belongs to another email in this organisation");
                });
        jdbc.sql("""
                SELECT l.external_learner_id FROM learner_identity l JOIN user_account u ON u.id = l.user_id
                 WHERE l.org_id = ? AND u.email_norm = ?""").params(orgId, emailNorm)
                .query(String.class).optional().filter(id -> !id.equals(externalLearnerId)).ifPresent(id -> {
                    throw new ConflictException(email + " already has the learner id " + id + " in this organisation");
                });
    }

    /** Links the learner id to the account (checked first with {@link #checkLearnerId}); a no-op if linked. */
    @Transactional
    public void linkLearnerId(long orgId, String externalLearnerId, long accountId, String email) {
        checkLearnerId(orgId, externalLearnerId, email);
        jdbc.sql("""
                INSERT INTO learner_identity (org_id, external_learner_id, user_id)
                SELECT ?, ?, ? FROM organisation WHERE id = ?
                   AND NOT EXISTS (SELECT 1 FROM learner_identity WHERE org_id = ? AND external_learner_id = ?)""")
                .params(orgId, externalLearnerId, accountId, orgId, orgId, externalLearnerId).update();
    }

    public record RunEnrolment(String email, String firstName, String lastName, String externalLearnerId,
            String status, int progress, java.time.Instant startedAt, java.time.Instant completedAt) {
    }

    /** The learners enrolled on a programme run, with the learner id the organisation knows them by. */
    public java.util.List<RunEnrolment> enrolledOnRun(long orgId, long runId) {
        return jdbc.sql("""
                SELECT u.email, u.first_name, u.last_name, l.external_learner_id, e.status, e.progress, e.started_at,
                       e.completed_at
                  FROM enrolment e
                  JOIN user_account u ON u.id = e.user_id
                  JOIN seat_pool p ON p.id = e.pool_id AND p.org_id = ?
                  LEFT JOIN learner_identity l ON l.org_id = p.org_id AND l.user_id = u.id
                 WHERE e.run_id = ? AND e.status <> 'REMOVED'
                 ORDER BY u.email_norm""").params(orgId, runId).query(RunEnrolment.class).list();
    }

    public boolean isEnrolledOnRun(String email, long runId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM enrolment e JOIN user_account u ON u.id = e.user_id
                 WHERE u.email_norm = ? AND e.run_id = ? AND e.status IN ('ACTIVE', 'COMPLETED')""")
                .params(Normalise.email(email), runId).query(Integer.class).single() > 0;
    }
}
