package com.seatflow.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts recent failures per client: a client with {@code maxFailures} failures within the window is refused until
 * the oldest of them leaves the window. Kept in memory, per application instance, and bounded: clients whose
 * failures have all left the window are dropped once many are tracked.
 */
public final class FailureThrottle {

    private static final int PRUNE_ABOVE_CLIENTS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    public FailureThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
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

    /** How long the client must wait before it may try again; empty while it may try now. */
    public Optional<Duration> refusedFor(String client) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            dropOld(recent, now);
            return recent.size() >= maxFailures ? Optional.of(Duration.between(now, recent.peekFirst().plus(window)))
                    : Optional.empty();
        }
    }

    public void recordFailure(String client) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE_CLIENTS) {
            failures.values().removeIf(recent -> {
                synchronized (recent) {
                    dropOld(recent, now);
                    return recent.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (recent) {
            dropOld(recent, now);
            recent.addLast(now);
        }
    }

    /** Forgets the client's failures (after it succeeded). */
    public void forget(String client) {
        failures.remove(client);
    }

    /** Forgets every failure (tests share one application, and with it this memory). */
    public void forgetAll() {
        failures.clear();
    }

    private void dropOld(Deque<Instant> recent, Instant now) {
        Instant limit = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(limit)) {
            recent.removeFirst();
        }
    }
}
