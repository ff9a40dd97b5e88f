package com.seatflow.rules;

/** Collects the chain-policy rules' refusal of a proposed link; the first refusal (highest salience) wins. */
public class ChainLinkDecision {

    private String reason;
    private boolean badInput;

    /** The link conflicts with the chains as they are now. */
    public void refuse(String reason) {
        record(reason, false);
    }

    /** The request itself makes no sense (e.g. an organisation joining its own chain). */
    public void refuseAsBadInput(String reason) {
        record(reason, true);
    }

    private void record(String reason, boolean badInput) {
        if (this.reason == null) {
            this.reason = reason;
            this.badInput = badInput;
        }
    }

    ChainVerdict verdict() {
        return new ChainVerdict(reason, badInput);
    }
}
