package com.seatflow.organisation;

import java.util.List;

/**
 * A learner of an organisation: an account in one of its groups or with a learner id there, or someone it invited.
 * {@code hasAccount} is false for an invitee who has no account yet.
 */
public record OrgUser(String email, boolean hasAccount, String firstName, String lastName, String externalLearnerId,
        List<String> groups, List<Invited> invitations) {

    /** One learner invitation of the organisation: GROUP or PROGRAMME, what it is for, and where it stands. */
    public record Invited(long id, String kind, String subject, String status) {
    }
}
