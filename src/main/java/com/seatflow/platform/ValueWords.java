package com.seatflow.platform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a value of a Java type looks like, in the words an API client reads (never the type's name). */
final class ValueWords {

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class,
            BigDecimal.class);

    private ValueWords() {
    }

    /** " from -2147483648 to 2147483647" for the whole numbers of a fixed size, otherwise nothing. */
    static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return " from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return " from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return "";
    }

    /** "a whole number", "true or false", "one of A, B, C", …; completes "'x' is not …". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                || type == LocalDateTime.class) {
            return "a date and time (ISO 8601, e.g. 2027-01-31T09:00:00Z)";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() || type.getPackageName().startsWith("com.seatflow")) {
            return "a JSON object";
        }
        return "a valid value";
    }
}
