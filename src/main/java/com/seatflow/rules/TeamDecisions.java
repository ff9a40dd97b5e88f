package com.seatflow.rules;

/** Collects the team-policy rules' answer: the first refusal wins; none means the invitation may go out. */
public class TeamDecisions {

    private String refusal;

    public void refuse(String reason) {
        if (refusal == null) {
            refusal = reason;
        }
    }

    String refusal() {
        return refusal;
    }
}
