package com.seatflow.platform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for every password Seatflow takes, wherever it is typed: the invitation and key pages, a group file's
 * {@code user_pass}, and the Camunda webapps (their password change and Admin's user form). bcrypt reads no more than
 * 72 bytes, and Spring Security's encoder refuses a longer password rather than cut it.
 */
public final class PasswordRule {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private PasswordRule() {
    }

    /** Why the password may not be used, or empty when it may. */
    public static Optional<String> problemWith(String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters; it has "
                    + password.length());
        }
        if (password.isBlank()) {
            // ten spaces are ten characters, and no password at all
            return Optional.of("The password must not be only spaces");
        }
        if (isTooLong(password)) {
            return Optional.of("The password must not be longer than " + MAX_BYTES + " bytes (about " + MAX_BYTES
                    + " letters)");
        }
        return Optional.empty();
    }

    public static boolean isTooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
