package com.seatflow.invitation;

import java.time.Instant;

/**
 * A freshly issued invitation link and what the mail about it needs to say. The token exists only here.
 * {@code inviterName} is set for invitations someone sent by hand (administrator invitations); {@code firstName} is the
 * invitee's, when the invitation or the invitee's account knows it.
 */
public record InvitationLink(long invitationId, String kind, String email, String token, String orgName,
        String subjectName, String runCode, Instant expiresAt, String inviterName, String firstName) {

    /** "Hello Grace," or, without a name, "Hello,". */
    public String greeting() {
        return firstName == null || firstName.isBlank() ? "Hello," : "Hello " + firstName.strip() + ",";
    }
}
