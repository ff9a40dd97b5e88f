package com.seatflow.invitation;

/**
 * What the invitation page does for one kind of invitation. The page finds the invitation by its link's token and
 * turns away links that are unknown, replaced or no longer pending; it hands the rest to the bean for the
 * invitation's kind. A kind without such a bean is shown as not supported yet.
 */
public interface InvitationAnswering {

    /** The invitation kind this bean answers, e.g. {@code ADMIN}. */
    String kind();

    /** What the page shows before the invitee answers. */
    InvitationOffer offer(InvitationView invitation);

    /**
     * Accepts the invitation. Throws {@link IllegalArgumentException} for bad form input and
     * {@link com.seatflow.platform.ConflictException} when the invitation can no longer be accepted; either way nothing
     * changes.
     */
    void accept(InvitationView invitation, AcceptanceForm form);

    /**
     * What the page shows once the invitation is accepted, right after accepting and whenever its link is opened
     * again: where the invitee now belongs and how they sign in.
     */
    String acceptedNote(InvitationView invitation);

    /** Declines the invitation. */
    void decline(InvitationView invitation);
}
