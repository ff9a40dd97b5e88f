package com.seatflow.group;

import java.time.Instant;

/**
 * A group's seats on one module, over all its pools: {@code used} seats are taken by enrolments, {@code reserved}
 * ones held by pending invitations, {@code free} ones can still be given (pools that have not expired only).
 */
public record ModuleSeats(String moduleCode, String moduleName, int total, int used, int reserved, int free,
        Instant validUntil) {
}
