package com.seatflow.enrolment;

import java.time.Instant;

/**
 * What the learning platform reports about one learner on one product. {@code eventId} is the platform's own id of
 * the event: the same id twice is the same event. {@code percent} is required for PROGRESS.
 */
public record ProgressEvent(String eventId, String email, String productCode, String runCode, Type type,
        Integer percent, Instant at) {

    public enum Type {
        STARTED, PROGRESS, COMPLETED
    }
}
