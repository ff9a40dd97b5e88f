package com.seatflow.platform;

import java.time.Duration;

/** Waits that double after each failure, up to a longest wait. */
public final class Backoff {

    private Backoff() {
    }

    /** {@code first}, doubled {@code doublings} times, but never longer than {@code longest}. */
    public static Duration doubling(Duration first, Duration longest, int doublings) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(doublings, 0), 20));
        return wait.compareTo(longest) > 0 ? longest : wait;
    }
}
