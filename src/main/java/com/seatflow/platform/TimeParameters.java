package com.seatflow.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times the API accepts: an ISO-8601 instant ({@code 2027-06-30T09:00:00Z}), a date-time with an offset, or a UTC
 * date ({@code 2027-06-30}). A date given as an end ("until", "to") includes the whole day.
 */
public final class TimeParameters {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private TimeParameters() {
    }

    public static Instant start(String name, String value) {
        return parse(name, value, false);
    }

    public static Instant endOf(String name, String value) {
        return parse(name, value, true);
    }

    private static Instant parse(String name, String value, boolean wholeDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        OffsetDateTime time;
        try {
            if (v.length() == 10) {
                LocalDate date = LocalDate.parse(v);
                time = (wholeDay ? date.plusDays(1) : date).atStartOfDay().atOffset(ZoneOffset.UTC);
            } else {
                time = OffsetDateTime.parse(v);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a date (YYYY-MM-DD, UTC) or an ISO-8601 "
                    + "time with an offset (YYYY-MM-DDTHH:MM:SSZ)");
        }
        return inRange(name, v, time.toInstant());
    }

    /**
     * Refuses a time outside the years 1 to 9999 (10000-01-01 for the end of 9999-12-31): java.time reads years up to
     * ±999999999, which PostgreSQL cannot store and nobody means.
     */
    public static Instant inRange(String name, Instant time) {
        return time == null ? null : inRange(name, time.toString(), time);
    }

    private static Instant inRange(String name, String given, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " '" + given + "' is out of range: the year must be from 1 to "
                    + "9999");
        }
        return time;
    }
}
