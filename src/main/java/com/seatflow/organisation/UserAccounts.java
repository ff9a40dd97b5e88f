package com.seatflow.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.platform.Normalise;

/** Learner accounts, one per email address (compared trimmed and case-insensitively). */
@Component
public class UserAccounts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    UserAccounts(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Optional<Long> findByEmail(String email) {
        return jdbc.sql("SELECT id FROM user_account WHERE email_norm = ?").param(Normalise.email(email))
                .query(Long.class).optional();
    }

    /**
     * The account with this email, created (with the names given) if there is none. The insert runs under a savepoint,
     * so a concurrent creation of the same address leaves the caller's transaction usable and finds that account.
     */
    public long findOrCreate(String email, String firstName, String lastName) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("An account needs an email address");
        }
        Optional<Long> existing = findByEmail(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO user_account (email, email_norm, first_name, last_name, created_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(email.trim(), Normalise.email(email), firstName, lastName, OffsetDateTime.now(clock))
                    .update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another transaction created it first: use that account
        }
        return findByEmail(email).orElseThrow();
    }
}
