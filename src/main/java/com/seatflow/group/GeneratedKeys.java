package com.seatflow.group;

import java.time.Instant;
import java.util.List;

/** Keys just generated, with their codes: the only time the codes are ever shown. */
public record GeneratedKeys(String orgCode, String groupCode, int usesPerKey, Instant expiresAt, List<Code> keys) {

    public record Code(long id, String code) {
    }
}
