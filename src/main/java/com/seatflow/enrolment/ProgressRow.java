package com.seatflow.enrolment;

import java.time.Instant;

/**
 * One member of a group on one of the group's modules. {@code status} is NOT_ENROLLED when the member holds no seat
 * of the group on that module (e.g. an invitation not yet accepted).
 */
public record ProgressRow(String groupCode, String email, String firstName, String lastName, String moduleCode,
        String moduleName, String status, int progress, Instant enrolledAt, Instant startedAt,
        Instant lastActivityAt, Instant completedAt) {
}
