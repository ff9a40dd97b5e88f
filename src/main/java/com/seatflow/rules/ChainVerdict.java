package com.seatflow.rules;

/** The chain-policy rules' answer: {@code reason} is null when the link is allowed. */
public record ChainVerdict(String reason, boolean badInput) {

    public boolean allowed() {
        return reason == null;
    }
}
