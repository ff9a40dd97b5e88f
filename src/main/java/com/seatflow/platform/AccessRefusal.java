package com.seatflow.platform;

import org.springframework.security.authorization.AuthorizationDecision;

/** A refused authorization that says why; the API returns the reason as the 403 problem's detail. */
public class AccessRefusal extends AuthorizationDecision {

    private final String reason;

    public AccessRefusal(String reason) {
        super(false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
