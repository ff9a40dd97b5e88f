package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.seatflow.InMemoryDatabase;
import com.seatflow.MovableClock;

/** The throttle on wrong key codes, on a database of its own, with a clock the test moves. */
class KeyThrottleTests {

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final KeyThrottle throttle = new KeyThrottle(InMemoryDatabase.withMigrations("V31__failed_attempts.sql"), 5,
            Duration.ofMinutes(10), clock);

    private void fail(String client, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(client);
            clock.move(Duration.ofSeconds(30));
        }
    }

    @Test
    void fourWrongCodesAreForgiven() {
        fail("10.0.0.1", 4);

        assertThatCode(() -> throttle.check("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void theFifthWrongCodeWithinTenMinutesShutsTheClientOutUntilTheFirstOneIsTenMinutesOld() {
        fail("10.0.0.1", 5);

        assertThatThrownBy(() -> throttle.check("10.0.0.1")).isInstanceOfSatisfying(TooManyAttemptsException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(600 - 5 * 30));
        clock.move(Duration.ofSeconds(600 - 5 * 30 - 1));
        assertThatThrownBy(() -> throttle.check("10.0.0.1")).isInstanceOfSatisfying(TooManyAttemptsException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        clock.move(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void wrongCodesSpreadOverMoreThanTenMinutesNeverShutTheClientOut() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("10.0.0.1");
            clock.move(Duration.ofMinutes(3));
            assertThatCode(() -> throttle.check("10.0.0.1")).doesNotThrowAnyException();
        }
    }

    @Test
    void oneClientsWrongCodesDoNotShutOutAnother() {
        fail("10.0.0.1", 5);

        assertThatCode(() -> throttle.check("10.0.0.2")).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.check("10.0.0.1")).isInstanceOf(TooManyAttemptsException.class);
    }
}
