package com.seatflow.invitation;

import java.nio.charset.StandardCharsets;

/** What the invitee typed into the invitation page; the password fields are empty when no account is created. */
public record AcceptanceForm(String password, String passwordAgain) {

    public static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads no more than 72 bytes. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** The password for the account (new, or one that has none yet); refused when too short, too long or not typed the same twice. */
    public String newPassword() {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Choose a password for your account");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("The password must have at least " + MIN_PASSWORD_LENGTH
                    + " characters; it has " + password.length());
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("The password must not be longer than " + MAX_PASSWORD_BYTES
                    + " bytes (about " + MAX_PASSWORD_BYTES + " letters)");
        }
        if (!password.equals(passwordAgain)) {
            throw new IllegalArgumentException("The two passwords are not the same");
        }
        return password;
    }
}
