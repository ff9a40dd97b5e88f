package com.seatflow.enrolment;

import java.time.Instant;

/**
 * The answer to a progress event: {@code duplicate} when the event id was seen before (nothing changed), and the
 * enrolments' state afterwards.
 */
public record ProgressEventRecorded(String eventId, boolean duplicate, Instant receivedAt, int enrolments,
        int progress, String status) {
}
