package com.seatflow.group;

import java.security.SecureRandom;
import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * Enrolment key codes: 30 characters from an alphabet without the look-alikes 0/O and 1/I/L (31 symbols, so 148
 * random bits), written in groups of five. Typed codes are read without dashes or spaces and in any case; only the
 * SHA-256 of the normalised code is stored.
 */
final class KeyCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 30;
    static final int GROUP = 5;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyCodes() {
    }

    static String newCode() {
        var code = new StringBuilder(LENGTH + LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed, without separators and upper-cased: the form its hash is taken of. */
    static String normalise(String typed) {
        return typed.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }

    static String hash(String typed) {
        return DigestUtils.sha256Hex(normalise(typed));
    }
}
