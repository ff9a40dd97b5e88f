package com.seatflow.invitation;

import com.seatflow.platform.PasswordRule;

/** What the invitee typed into the invitation page; the password fields are empty when no account is created. */
public record AcceptanceForm(String password, String passwordAgain) {

    /** The password for the account (new, or one that has none yet); refused when too short, too long or not typed the same twice. */
    public String newPassword() {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Choose a password for your account");
        }
        PasswordRule.problemWith(password).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (!password.equals(passwordAgain)) {
            throw new IllegalArgumentException("The two passwords are not the same");
        }
        return password;
    }
}
