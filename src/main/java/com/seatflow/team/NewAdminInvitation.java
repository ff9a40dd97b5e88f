package com.seatflow.team;

/** What the admin-invitation process starts with: who is invited to which organisation, and by whom. */
public record NewAdminInvitation(long orgId, String email, String firstName, String lastName, String invitedBy,
        String inviterName) {
}
