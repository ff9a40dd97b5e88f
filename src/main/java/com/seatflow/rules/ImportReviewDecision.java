package com.seatflow.rules;

/** Collects the import-policy rules' answer: the first reason for support's approval wins; none means the organisation approves. */
public class ImportReviewDecision {

    private String supportReason;

    public void supportApproves(String reason) {
        if (supportReason == null) {
            supportReason = reason;
        }
    }

    String supportReason() {
        return supportReason;
    }
}
