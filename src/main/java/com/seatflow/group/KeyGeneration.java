package com.seatflow.group;

import java.time.Instant;

/** A request for {@code count} new keys, each usable {@code usesPerKey} times (1 if absent), until {@code expiresAt}. */
public record KeyGeneration(Integer count, Integer usesPerKey, Instant expiresAt) {
}
