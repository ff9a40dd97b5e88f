package com.seatflow.rules;

/** A fact the refund-policy rules judge: a removed member's seat on one module, and why its refund is asked for. */
public class RefundCase {

    private final boolean started;
    private final int progress;
    private final long daysSinceEnrolment;
    private final String reason;

    /**
     * @param started whether the learning platform reported any activity of the member on the module
     * @param progress the member's progress on the module, 0 to 100
     * @param daysSinceEnrolment whole days from the enrolment to the removal
     * @param reason the reason the requester gave
     */
    public RefundCase(boolean started, int progress, long daysSinceEnrolment, String reason) {
        this.started = started;
        this.progress = progress;
        this.daysSinceEnrolment = daysSinceEnrolment;
        this.reason = reason == null ? "" : reason;
    }

    public boolean isStarted() {
        return started;
    }

    public int getProgress() {
        return progress;
    }

    public long getDaysSinceEnrolment() {
        return daysSinceEnrolment;
    }

    public String getReason() {
        return reason;
    }
}
