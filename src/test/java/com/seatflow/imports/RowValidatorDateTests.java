package com.seatflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of expiry times decides exactly like the strict formatter it stands in front of. */
class RowValidatorDateTests {

    @ParameterizedTest
    @ValueSource(strings = { "2027-06-30 09:00:00", "2028-02-29 23:59:59", "0001-01-01 00:00:00", "9999-12-31 23:59:59" })
    void validTimesReadAsTheFormatterReadsThem(String value) {
        assertThat(RowValidator.parseUtc(value))
                .isEqualTo(LocalDateTime.parse(value, RowValidator.UTC_DATE_TIME).toInstant(ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2027-02-29 09:00:00", "2027-06-31 09:00:00", "2027-13-01 09:00:00", "2027-06-30 24:00:00",
            "2027-06-30 09:60:00", "2027-06-30 09:00:60", "2027-06-30T09:00:00", "2027-06-30 9:00:00", "2027-6-30 09:00:00",
            "2027-06-30 09:00", "27-06-30 09:00:00", "2027-0a-30 09:00:00", "2027-06-30 09:00:00Z", "+027-06-30 09:00:00",
            "２０２７-06-30 09:00:00", "" })
    void invalidTimesAreRejectedLikeTheFormatterRejectsThem(String value) {
        assertThatThrownBy(() -> LocalDateTime.parse(value, RowValidator.UTC_DATE_TIME))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> RowValidator.parseUtc(value)).isInstanceOf(DateTimeParseException.class);
    }
}
