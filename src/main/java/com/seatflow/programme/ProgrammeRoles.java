package com.seatflow.programme;

import java.util.Collection;

import com.seatflow.organisation.OrgRoles;

/**
 * Who may invite learners to programmes: the organisation's learning managers (every programme), a programme's
 * learner admins (that programme only), and support.
 */
public final class ProgrammeRoles {

    private ProgrammeRoles() {
    }

    public static String learningManagers(String orgCode) {
        return OrgRoles.learningManagers(orgCode);
    }

    public static String learnerAdmins(String orgCode, String programmeCode) {
        return OrgRoles.programmeLearnerAdmins(orgCode, programmeCode);
    }

    public static boolean mayInvite(Collection<String> groups, String orgCode, String programmeCode) {
        return groups.contains(OrgRoles.SUPPORT) || groups.contains(learningManagers(orgCode))
                || groups.contains(learnerAdmins(orgCode, programmeCode));
    }

    /** Enough to reach the organisation's programme endpoints; each endpoint then checks the programme. */
    public static boolean mayReachProgrammes(Collection<String> groups, String orgCode) {
        return OrgRoles.mayActOn(groups, orgCode) || groups.contains(learningManagers(orgCode))
                || !OrgRoles.administeredProgrammes(groups, orgCode).isEmpty();
    }
}
