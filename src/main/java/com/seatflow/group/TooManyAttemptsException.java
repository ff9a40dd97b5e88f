package com.seatflow.group;

import java.time.Duration;

import com.seatflow.platform.FailureThrottle;

/** A client sent too many wrong key codes lately; it may try again after {@link #retryAfter()}. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("Too many wrong key codes from this address; try again in " + FailureThrottle.inWords(retryAfter));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least one: the value of a Retry-After header. */
    public long retryAfterSeconds() {
        return FailureThrottle.retryAfterSeconds(retryAfter);
    }
}
