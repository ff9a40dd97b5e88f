package com.seatflow.enrolment;

import java.time.Instant;

/**
 * One learner's enrolment on a product (a programme run or a module). {@code startedAt} is when the enrolment began;
 * {@code firstActivityAt} is when the learning platform first reported the learner at work on it.
 */
public record Enrolment(long id, long userId, long productId, String productCode, String productName, Long runId,
        Long poolId, String status, int progress, Instant startedAt, Instant firstActivityAt, Instant lastActivityAt,
        Instant completedAt) {

    /** Whether the learner has begun the product, as far as the learning platform told us. */
    public boolean learnerStarted() {
        return firstActivityAt != null || progress > 0;
    }
}
