package com.seatflow.group;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.platform.FailureThrottle;

/**
 * Slows down guessing of key codes: a client address that sent {@code maxFailures} wrong codes within the failure
 * window is refused until the oldest of them leaves the window, on every node alike.
 */
@Component
public class KeyThrottle {

    private final FailureThrottle failures;

    @Autowired
    KeyThrottle(JdbcClient jdbc, KeySettings settings, Clock clock) {
        this(jdbc, settings.maxFailures(), settings.failureWindow(), clock);
    }

    KeyThrottle(JdbcClient jdbc, int maxFailures, Duration window, Clock clock) {
        this.failures = new FailureThrottle(jdbc, "enrolment-key", maxFailures, window, clock);
    }

    /** Refuses the client while it has too many recent failures. */
    public void check(String client) {
        failures.refusedFor(client).ifPresent(wait -> {
            throw new TooManyAttemptsException(wait);
        });
    }

    public void recordFailure(String client) {
        failures.recordFailure(client);
    }

    /** Forgets every wrong code (tests share one database). */
    void forgetAll() {
        failures.forgetAll();
    }
}
