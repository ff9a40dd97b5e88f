package com.seatflow.invitation;

/**
 * What the invitation page shows before the invitee answers.
 *
 * @param what what accepting does, completing "... invited you to": e.g. "administer Acme Learning Ltd on Seatflow"
 * @param warning shown prominently before the buttons when not null (e.g. the invitee already has an account)
 * @param needsPassword whether accepting creates an account, so the page asks for a password
 */
public record InvitationOffer(String orgName, String inviterName, String inviteeName, String inviteeEmail, String what,
        String warning, boolean needsPassword) {
}
