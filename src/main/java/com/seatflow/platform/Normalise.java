package com.seatflow.platform;

import java.util.Locale;

/** The one place that says how an email address is compared: trimmed, lower-cased. */
public final class Normalise {

    private Normalise() {
    }

    public static String email(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
