package com.seatflow.platform;

import java.util.regex.Pattern;

/** The one check of what Seatflow accepts as an email address (at most 254 characters, one @, a dotted domain). */
public final class EmailAddresses {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@\",;<>()]+@[^\\s@\",;<>()]+\\.[^\\s@\",;<>()]{2,}$");

    private EmailAddresses() {
    }

    /** Whether the (already trimmed) value is an address Seatflow accepts. */
    public static boolean isValid(String email) {
        return email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    /** The address trimmed; refused with a message naming {@code field} when it is not an email address. */
    public static String requireValid(String email, String field) {
        String trimmed = email == null ? "" : email.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!isValid(trimmed)) {
            throw new IllegalArgumentException(field + " '" + email + "' is not a valid email address");
        }
        return trimmed;
    }
}
