package com.seatflow.organisation;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

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

    /** The learner admins of one programme of the organisation: they invite learners to that programme only. */
    public static String programmeLearnerAdmins(String orgCode, String programmeCode) {
        return programmeGroupPrefix(orgCode) + programmeCode + PROGRAMME_GROUP_SUFFIX;
    }

    /**
     * The administrators of one learner group, as the Tasklist sees them (they are offered the review of their group's
     * uploads). Named by the group's id, not its code: a group code may hold the characters the other names are built
     * from, and a name from two codes could outgrow the identity store's 64 characters.
     */
    public static String groupAdmins(long groupId) {
        return "learner-group-" + groupId + "-admins";
    }

    /** The codes of the organisation's programmes the caller is a learner admin of (sorted, maybe empty). */
    public static Set<String> administeredProgrammes(Collection<String> groups, String orgCode) {
        String prefix = programmeGroupPrefix(orgCode);
        Set<String> codes = new TreeSet<>();
        for (String group : groups) {
            if (group.startsWith(prefix) && group.endsWith(PROGRAMME_GROUP_SUFFIX)
                    && group.length() > prefix.length() + PROGRAMME_GROUP_SUFFIX.length()) {
                codes.add(group.substring(prefix.length(), group.length() - PROGRAMME_GROUP_SUFFIX.length()));
            }
        }
        return codes;
    }

    private static final String PROGRAMME_GROUP_SUFFIX = "-learner-admins";

    private static String programmeGroupPrefix(String orgCode) {
        return "org-" + orgCode + "-programme-";
    }

    public static boolean mayActOn(Collection<String> groups, String orgCode) {
        return groups.contains(SUPPORT) || groups.contains(adminGroup(orgCode));
    }
}
