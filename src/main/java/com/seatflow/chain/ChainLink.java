package com.seatflow.chain;

import java.time.Instant;

/**
 * A request or invitation to join a chain, and the link it became. {@code initiatedBy} is MEMBER when the member
 * asked to join, HEAD when the chain manager invited it; the other side answers.
 */
public record ChainLink(long id, long headOrgId, String headCode, String headName, long memberOrgId,
        String memberCode, String memberName, String initiatedBy, ChainLinkStatus status, String requestedBy,
        Instant requestedAt, Instant expiresAt, String answeredBy, Instant answeredAt, String endedBy,
        Instant endedAt, String processInstanceId) {

    public static final String MEMBER = "MEMBER";
    public static final String HEAD = "HEAD";

    /** The organisation whose admins must accept or decline. */
    public String answeringOrgCode() {
        return MEMBER.equals(initiatedBy) ? headCode : memberCode;
    }

    /** The organisation that asked or invited. */
    public String requestingOrgCode() {
        return MEMBER.equals(initiatedBy) ? memberCode : headCode;
    }

    public boolean involves(long orgId) {
        return headOrgId == orgId || memberOrgId == orgId;
    }
}
