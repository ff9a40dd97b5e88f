package com.seatflow.rules;

/** Collects the refund-policy rules' answer: the first decision wins. */
public class RefundDecisions {

    private RefundVerdict verdict;

    public void decide(RefundVerdict.Outcome outcome, String reason) {
        if (verdict == null) {
            verdict = new RefundVerdict(outcome, reason);
        }
    }

    RefundVerdict verdict() {
        return verdict;
    }
}
