package com.seatflow.organisation;

/** A user of the identity store as others see them: user id, name and email. */
public record Person(String userId, String firstName, String lastName, String email) {

    /** First and last name, or the user id when the account has no name. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? userId : name;
    }
}
