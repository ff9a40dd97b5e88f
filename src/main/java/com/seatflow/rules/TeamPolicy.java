package com.seatflow.rules;

import java.util.Optional;

/** Who may be added to an organisation's team of administrators, as the team-policy rules decide. */
public interface TeamPolicy {

    /** Why this administrator invitation may not go out, or empty if it may. */
    Optional<String> refusalOf(AdminInvitationRequest request);
}
