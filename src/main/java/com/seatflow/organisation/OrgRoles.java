package com.seatflow.organisation;

import java.util.Collection;

/** Who may act on an organisation: its administrators' group, and provider support. */
public final class OrgRoles {

    public static final String SUPPORT = "support";

    private OrgRoles() {
    }

    public static String adminGroup(String orgCode) {
        return "org-" + orgCode + "-admins";
    }

    /** The organisation's learning managers: they invite learners to every programme, one by one or in bulk. */
    public static String learningManagers(String orgCode) {
        return "org-" + orgCode + "-learning-managers";
    }

    public static boolean mayActOn(Collection<String> groups, String orgCode) {
        return groups.contains(SUPPORT) || groups.contains(adminGroup(orgCode));
    }
}
