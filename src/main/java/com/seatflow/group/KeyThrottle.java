package com.seatflow.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing of key codes: a client address that sent {@code maxFailures} wrong codes within the failure
 * window is refused until the oldest of them leaves the window. Kept in memory, per application instance.
 */
@Component
public class KeyThrottle {

    private static final int PRUNE_ABOVE_CLIENTS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;

    @Autowired
    KeyThrottle(KeySettings settings, Clock clock) {
        this(settings.maxFailures(), settings.failureWindow(), clock);
    }

    KeyThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Refuses the client while it has too many recent failures. */
    public void check(String client) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            dropOld(recent, now);
            if (recent.size() >= maxFailures) {
                throw new TooManyAttemptsException(Duration.between(now, recent.peekFirst().plus(window)));
            }
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

    /** Forgets every failure (tests share one application, and with it this memory). */
    void forgetAll() {
        failures.clear();
    }

    private void dropOld(Deque<Instant> recent, Instant now) {
        Instant limit = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(limit)) {
            recent.removeFirst();
        }
    }
}
