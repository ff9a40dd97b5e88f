package com.seatflow.rules;

/** Why an enrolment key may not be redeemed: the kind (for the caller to pick a status) and the reason shown. */
public record KeyRefusal(Kind kind, String reason) {

    public enum Kind {
        UNKNOWN_KEY, KEY_EXPIRED, KEY_USED_UP, ALREADY_ENROLLED, NO_MODULES, NO_FREE_SEAT, POOL_EXPIRED
    }
}
