package com.seatflow.rules;

/**
 * A fact the chain-policy rules judge: may {@code memberCode} join the chain headed by {@code headCode}? Everything
 * that needs the database is worked out beforehand; the rules only decide.
 */
public class ChainLinkProposal {

    private final String headCode;
    private final String memberCode;
    private final String currentHeadCode;
    private final boolean headIsDescendantOfMember;
    private final int memberCount;
    private final boolean requestAlreadyWaiting;

    /**
     * @param currentHeadCode the head of the chain the member is already in, or null
     * @param headIsDescendantOfMember the head is, directly or through its own chain, below the member
     * @param memberCount active members the head's chain has now
     * @param requestAlreadyWaiting another pending request or invitation between the two organisations exists
     */
    public ChainLinkProposal(String headCode, String memberCode, String currentHeadCode,
            boolean headIsDescendantOfMember, int memberCount, boolean requestAlreadyWaiting) {
        this.headCode = headCode;
        this.memberCode = memberCode;
        this.currentHeadCode = currentHeadCode;
        this.headIsDescendantOfMember = headIsDescendantOfMember;
        this.memberCount = memberCount;
        this.requestAlreadyWaiting = requestAlreadyWaiting;
    }

    public String getHeadCode() {
        return headCode;
    }

    public String getMemberCode() {
        return memberCode;
    }

    public boolean isSameOrganisation() {
        return headCode.equals(memberCode);
    }

    public boolean isMemberAlreadyInChain() {
        return currentHeadCode != null;
    }

    public String getCurrentHeadCode() {
        return currentHeadCode;
    }

    public boolean isHeadIsDescendantOfMember() {
        return headIsDescendantOfMember;
    }

    public int getMemberCount() {
        return memberCount;
    }

    public boolean isRequestAlreadyWaiting() {
        return requestAlreadyWaiting;
    }
}
