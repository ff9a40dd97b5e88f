package com.seatflow.platform;

/** The one check of a first or last name typed into Seatflow: required, at most 100 characters, no control characters. */
public final class PersonNames {

    public static final int MAX_LENGTH = 100;

    private PersonNames() {
    }

    /** The name trimmed; refused with a message naming {@code field} when it is missing or not acceptable. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_LENGTH + " characters, was "
                    + trimmed.length());
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
        return trimmed;
    }
}
