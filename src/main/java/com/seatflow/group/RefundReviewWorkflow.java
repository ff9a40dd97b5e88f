package com.seatflow.group;

/** The refund-review process as the group module sees it; implemented on Camunda by the workflow module. */
public interface RefundReviewWorkflow {

    /**
     * Starts the process for a recorded refund request and runs it in the caller's transaction until it ends (the
     * rules refunded or refused at once) or waits for support's review.
     */
    void start(long refundRequestId);
}
