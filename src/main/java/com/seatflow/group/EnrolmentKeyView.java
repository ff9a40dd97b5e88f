package com.seatflow.group;

import java.time.Instant;

/** A key as listed later: everything but its code. {@code status}: ACTIVE, USED_UP or EXPIRED. */
public record EnrolmentKeyView(long id, int useLimit, int uses, Instant expiresAt, String status, String createdBy,
        Instant createdAt) {
}
