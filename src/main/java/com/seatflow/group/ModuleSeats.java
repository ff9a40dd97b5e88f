package com.seatflow.group;

import java.time.Instant;

/**
 * A group's seats on one module, over all its pools: {@code reserved} seats are held by pending invitations,
 * {@code consumed} ones taken by enrolments, {@code used} is both, {@code free} ones can still be given (pools that
 * have not expired only).
 */
public record ModuleSeats(String moduleCode, String moduleName, int total, int reserved, int consumed, int used,
        int free, Instant validUntil) {
}
