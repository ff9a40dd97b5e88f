package com.seatflow.licensing;

import java.time.Instant;

public record SeatPool(long id, long orgId, Long groupId, long productId, String productCode, Long runId,
        String runCode, int total, int reserved, int consumed, Instant validFrom, Instant validUntil) {

    public int free() {
        return total - reserved - consumed;
    }

    public String label() {
        return productCode + (runCode == null ? "" : "/" + runCode) + (groupId == null ? "" : " (group)") + " #" + id;
    }
}
