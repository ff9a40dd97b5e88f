package com.seatflow.group;

/**
 * What a learner types to redeem a key. The names are needed only when the email has no account yet; the password
 * becomes the new account's, or must be the existing account's own.
 */
public record KeyRedemptionRequest(String code, String email, String firstName, String lastName, String password) {

    @Override
    public String toString() {
        return "KeyRedemptionRequest[email=" + email + "]";
    }
}
