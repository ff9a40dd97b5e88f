package com.seatflow.group;

import java.util.List;

/**
 * The answer to removing a member: the modules whose enrolments ended (their seats stay used), and one refund
 * request per such module when a refund was asked for, with the state the refund-review process left it in.
 */
public record MemberRemoved(String email, String groupCode, List<String> removedModules, List<RefundView> refunds) {
}
