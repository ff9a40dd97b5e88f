package com.seatflow.rules;

import java.time.Instant;
import java.util.List;

/** What the rule book runs on: when the rules in use were loaded, from where, and the last refused change. */
public record RuleBookStatus(String source, List<String> files, Instant loadedAt, String lastError,
        Instant lastErrorAt) {
}
