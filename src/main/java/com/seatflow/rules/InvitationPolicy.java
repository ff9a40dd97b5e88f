package com.seatflow.rules;

import java.time.Duration;

/** Expiry periods and limits for invitations, as the invitation-policy rules set them. */
public interface InvitationPolicy {

    /** How long an invitation of this kind stays valid ({@code bulk}: the longest expiry a file may ask for). */
    Duration validityOf(String kind, boolean bulk);
}
