package com.seatflow.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts recent failures per client: a client with {@code maxFailures} failures within the window is refused until
 * enough of them have left the window. The failures are rows of {@code failed_attempt}, so every node of a cluster
 * counts the same ones; a client is stored only as the SHA-256 of its name, and rows that have left the window are
 * deleted as new failures are recorded.
 */
public final class FailureThrottle {

    /** A client's failures within the window, and how long it must wait before it may try again (empty: not at all). */
    public record Standing(int recentFailures, Optional<Duration> refusedFor) {
    }

    private final JdbcClient jdbc;
    private final String purpose;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    /** {@code purpose} keeps the counts of different throttles apart (at most 20 characters). */
    public FailureThrottle(JdbcClient jdbc, String purpose, int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        this.jdbc = jdbc;
        this.purpose = purpose;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Whole seconds, rounded up, at least one: the value of a Retry-After header. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** The wait in words for a person: "45 seconds", or "15 minutes" from two minutes on. */
    public static String inWords(Duration wait) {
        long seconds = retryAfterSeconds(wait);
        if (seconds == 1) {
            return "1 second";
        }
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    /** One indexed read: the client's failures still within the window, oldest first. */
    public Standing standing(String client) {
        Instant now = clock.instant();
        List<OffsetDateTime> recent = jdbc.sql("""
                SELECT failed_at FROM failed_attempt WHERE purpose = ? AND client_hash = ? AND failed_at > ?
                 ORDER BY failed_at""").params(purpose, hash(client), SqlTime.of(now.minus(window)))
                .query(OffsetDateTime.class).list();
        if (recent.size() < maxFailures) {
            return new Standing(recent.size(), Optional.empty());
        }
        // it may try again once all but maxFailures - 1 of them have left the window
        Instant freed = recent.get(recent.size() - maxFailures).toInstant().plus(window);
        return new Standing(recent.size(), Optional.of(Duration.between(now, freed)));
    }

    /** How long the client must wait before it may try again; empty while it may try now. */
    public Optional<Duration> refusedFor(String client) {
        return standing(client).refusedFor();
    }

    public void recordFailure(String client) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM failed_attempt WHERE purpose = ? AND failed_at <= ?")
                .params(purpose, SqlTime.of(now.minus(window))).update();
        jdbc.sql("INSERT INTO failed_attempt (purpose, client_hash, failed_at) VALUES (?, ?, ?)")
                .params(purpose, hash(client), SqlTime.of(now)).update();
    }

    /** Forgets the client's failures (after it succeeded). */
    public void forget(String client) {
        jdbc.sql("DELETE FROM failed_attempt WHERE purpose = ? AND client_hash = ?").params(purpose, hash(client))
                .update();
    }

    /** Forgets every failure of this purpose (tests share one database). */
    public void forgetAll() {
        jdbc.sql("DELETE FROM failed_attempt WHERE purpose = ?").param(purpose).update();
    }

    private static String hash(String client) {
        return DigestUtils.sha256Hex(client);
    }
}
