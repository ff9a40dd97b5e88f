package com.seatflow.rules;

import java.time.Duration;

/** A fact the invitation-policy rules answer: how long an invitation of this kind stays valid. */
public class ExpiryQuestion {

    private final String kind;
    private final boolean bulk;
    private Duration validFor;

    public ExpiryQuestion(String kind, boolean bulk) {
        this.kind = kind;
        this.bulk = bulk;
    }

    public String getKind() {
        return kind;
    }

    public boolean isBulk() {
        return bulk;
    }

    public Duration getValidFor() {
        return validFor;
    }

    public void setValidFor(Duration validFor) {
        this.validFor = validFor;
    }

    public void setValidForDays(int days) {
        this.validFor = Duration.ofDays(days);
    }
}
