package com.seatflow.ingest;

import java.time.Instant;

/**
 * How this node's last polls of one integration went: UP after a successful poll, DOWN (with the reason) after a
 * failed one, UNKNOWN before the first poll. {@code consecutiveFailures} counts polls failed since the last success.
 */
public record SftpPollStatus(String status, Instant lastSuccessAt, Instant lastFailureAt, String message,
        int consecutiveFailures) {

    static final SftpPollStatus UNKNOWN = new SftpPollStatus("UNKNOWN", null, null, "not polled yet", 0);

    SftpPollStatus succeeded(Instant at) {
        return new SftpPollStatus("UP", at, lastFailureAt, "polled", 0);
    }

    SftpPollStatus failed(Instant at, String reason) {
        return new SftpPollStatus("DOWN", lastSuccessAt, at, reason, consecutiveFailures + 1);
    }

    boolean down() {
        return "DOWN".equals(status);
    }
}
