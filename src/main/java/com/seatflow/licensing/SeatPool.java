package com.seatflow.licensing;

import java.time.Instant;

public record SeatPool(long id, long orgId, Long groupId, long productId, String productCode, Long runId,
        String runCode, int total, int reserved, int consumed, Instant validFrom, Instant validUntil) {

    public int free() {
        return total - reserved - consumed;
    }

    /** Seats held: reserved for pending invitations or consumed by active enrolments. */
    public int used() {
        return reserved + consumed;
    }

    /** An expired pool gives no new seats. */
    public boolean expiredAt(Instant now) {
        return validUntil != null && !validUntil.isAfter(now);
    }

    public String label() {
        return productCode + (runCode == null ? "" : "/" + runCode) + (groupId == null ? "" : " (group)") + " #" + id;
    }
}
