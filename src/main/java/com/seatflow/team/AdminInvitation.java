package com.seatflow.team;

import java.time.Instant;

/** An invitation to join an organisation's administrators, as stored (kind ADMIN). */
record AdminInvitation(long id, long orgId, String orgCode, String orgName, String email, String firstName,
        String lastName, String invitedBy, String inviterName, String status, Instant expiresAt, Instant createdAt) {

    boolean open() {
        return "PENDING".equals(status) || "EXPIRED".equals(status);
    }

    String inviteeName() {
        return (firstName + " " + lastName).trim();
    }
}
