package com.seatflow.group;

import java.util.List;

/**
 * A redeemed key: the learner is now in the group and enrolled on its modules. {@code accountCreated} tells a new
 * learner from one who already had an account; {@code note} says what the learner should know next, if anything.
 */
public record Redeemed(String email, String orgName, String groupName, List<String> modules, boolean accountCreated,
        String note) {
}
