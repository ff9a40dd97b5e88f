package com.seatflow.rules;

/** The refund-policy rules' answer: refund at once, no refund, or review by support; and why. */
public record RefundVerdict(Outcome outcome, String reason) {

    public enum Outcome {
        REFUND, NO_REFUND, REVIEW
    }
}
