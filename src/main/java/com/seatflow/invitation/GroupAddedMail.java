package com.seatflow.invitation;

/**
 * The mail to a learner put into a group at once, by an email invitation or a group file: their account has a
 * password, so there is nothing to accept and no link.
 */
public final class GroupAddedMail {

    private GroupAddedMail() {
    }

    public static String subject(String orgName, String groupName) {
        return orgName + " added you to the group " + groupName;
    }

    /**
     * {@code passwordChosenByOrganisation}: the account was made from a group file with the password the organisation
     * gave it, which the learner gets from them (a password is never sent by mail).
     */
    public static String body(String firstName, String orgName, String groupName, String learningPlatform,
            boolean passwordChosenByOrganisation) {
        String signIn = passwordChosenByOrganisation
                ? "your email address and the password " + orgName + " chose for you (ask them for it)"
                : "your existing account";
        return """
                Hello %s,

                %s added you to the group %s. Its modules are now yours on %s: sign in there with %s.
                """.formatted(firstName == null ? "" : firstName, orgName, groupName, learningPlatform, signIn);
    }
}
