package com.seatflow.rules;

/** A fact the team-policy rules judge: an administrator of an organisation invites another one. */
public class AdminInvitationRequest {

    private final String orgCode;
    private final boolean orgHasLicences;

    /** @param orgHasLicences whether the organisation holds seats in a pool that has not expired */
    public AdminInvitationRequest(String orgCode, boolean orgHasLicences) {
        this.orgCode = orgCode;
        this.orgHasLicences = orgHasLicences;
    }

    public String getOrgCode() {
        return orgCode;
    }

    public boolean isOrgHasLicences() {
        return orgHasLicences;
    }
}
