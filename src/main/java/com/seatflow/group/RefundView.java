package com.seatflow.group;

import java.time.Instant;

/**
 * A request to give back a removed member's seat on one module. {@code status}: REQUESTED, IN_REVIEW (a support
 * task is open), REFUNDED (the seat is free again) or REFUSED; {@code decision} says why.
 */
public record RefundView(long id, String email, String moduleCode, String reason, String status, String decision,
        String decidedBy, String requestedBy, Instant requestedAt, Instant decidedAt) {
}
