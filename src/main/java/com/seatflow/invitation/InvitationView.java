package com.seatflow.invitation;

import java.time.Instant;

public record InvitationView(long id, String kind, String email, String externalLearnerId, String productCode,
        String runCode, String groupCode, String status, Instant expiresAt, Instant createdAt, Long importId) {
}
