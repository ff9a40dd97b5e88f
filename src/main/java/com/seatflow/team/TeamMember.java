package com.seatflow.team;

import java.time.Instant;

import com.seatflow.organisation.Person;

/**
 * One entry of the team list: an ACTIVE administrator, or a PENDING invitation ({@code expired} once its validity has
 * run out; it stays on the list until it is resent or revoked). {@code invitedBy} is the inviter's name.
 */
public record TeamMember(String status, boolean expired, Long invitationId, String userId, String email,
        String firstName, String lastName, String invitedBy, Instant expiresAt) {

    static TeamMember active(Person person) {
        return new TeamMember("ACTIVE", false, null, person.userId(), person.email(), person.firstName(),
                person.lastName(), null, null);
    }

    static TeamMember pending(AdminInvitation invitation, Instant now) {
        boolean expired = "EXPIRED".equals(invitation.status()) || !invitation.expiresAt().isAfter(now);
        return new TeamMember("PENDING", expired, invitation.id(), null,
                invitation.email(), invitation.firstName(), invitation.lastName(), invitation.inviterName(),
                invitation.expiresAt());
    }
}
