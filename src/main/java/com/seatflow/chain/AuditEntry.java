package com.seatflow.chain;

import java.time.Instant;

/** One request a chain manager made inside a member organisation, with the HTTP status it got. */
public record AuditEntry(long id, Instant at, String actor, String homeOrg, String actingOrg, String method,
        String path, int status) {
}
