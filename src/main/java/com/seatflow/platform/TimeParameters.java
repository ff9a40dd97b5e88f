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
        try {
            if (v.length() == 10) {
                LocalDate date = LocalDate.parse(v);
                return (wholeDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not a date (YYYY-MM-DD, UTC) or an ISO-8601 "
                    + "time with an offset (YYYY-MM-DDTHH:MM:SSZ)");
        }
    }
}
