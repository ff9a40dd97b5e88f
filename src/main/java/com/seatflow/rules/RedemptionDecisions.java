package com.seatflow.rules;

/** Collects the seat-eligibility rules' answer about a key redemption: the first refusal wins. */
public class RedemptionDecisions {

    private KeyRefusal refusal;

    public void refuse(KeyRefusal.Kind kind, String reason) {
        if (refusal == null) {
            refusal = new KeyRefusal(kind, reason);
        }
    }

    KeyRefusal refusal() {
        return refusal;
    }
}
