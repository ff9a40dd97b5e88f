package com.seatflow.group;

/**
 * What the refund decision is taken on, and what the support reviewer sees: the member's activity on the module
 * when they were removed, and the reason given.
 */
public record RefundFacts(long refundRequestId, String orgCode, String groupCode, String groupName, String member,
        String moduleCode, String moduleName, boolean started, int progress, long daysSinceEnrolment, String reason,
        String requestedBy) {
}
