package com.seatflow.imports;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.batch.item.ItemProcessor;

import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.Normalise;
import com.seatflow.platform.PasswordRule;

/** The checks one row can pass or fail on its own: required values, syntax, dates and their range. */
class RowValidator implements ItemProcessor<List<ParsedRow>, List<ValidatedRow>> {

    static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9._-]+$");

    private final ImportFormat format;
    private final Instant now;
    private final Duration longestExpiry;

    RowValidator(ImportFormat format, Instant now, Duration longestExpiry) {
        this.format = format;
        this.now = now;
        this.longestExpiry = longestExpiry;
    }

    /** Checks a block of rows; stateless, so blocks may be checked side by side. */
    @Override
    public List<ValidatedRow> process(List<ParsedRow> block) {
        List<ValidatedRow> checked = new ArrayList<>(block.size());
        for (ParsedRow row : block) {
            checked.add(check(row));
        }
        return checked;
    }

    ValidatedRow check(ParsedRow row) {
        if (row.fileError() != null) {
            return new ValidatedRow(row.rowNumber(),
                    null, List.of(new ImportError(row.rowNumber() == 0 ? null : row.rowNumber(), null, null, row.fileError())));
        }
        List<ImportError> errors = new ArrayList<>(row.errors());
        Set<String> unreadable = new HashSet<>();
        row.errors().forEach(e -> unreadable.add(e.column()));
        if (unreadable.contains(null)) {
            // the values do not line up with the columns: checking them one by one would only report noise
            return new ValidatedRow(row.rowNumber(), null, errors);
        }
        Map<String, String> v = row.values();
        var checked = new Checked(row.rowNumber(), errors);
        for (ImportFormat.Column column : format.columns()) {
            if (!unreadable.contains(column.name())) {
                checked.check(column, v.getOrDefault(column.name(), ""));
            }
        }
        if (!errors.isEmpty()) {
            return new ValidatedRow(row.rowNumber(), null, errors);
        }
        String email = checked.value("email", "user_email");
        return new ValidatedRow(row.rowNumber(), new StagedRow(row.rowNumber(), email, Normalise.email(email),
                checked.value("external_learner_id"), checked.value("program_code"), checked.value("program_run_code"),
                checked.instant, checked.value("first_name"), checked.value("last_name"), checked.value("user_pass")),
                List.of());
    }

    /**
     * Reads {@code YYYY-MM-DD HH:MM:SS} as UTC. The usual, well-formed value is read digit by digit (a few times
     * faster than the formatter, which matters a million rows at a time); anything else, including impossible dates,
     * goes through {@link #UTC_DATE_TIME}, which decides exactly as before.
     */
    static Instant parseUtc(String value) {
        if (value.length() == 19 && value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(10) == ' '
                && value.charAt(13) == ':' && value.charAt(16) == ':') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 2);
            int day = digits(value, 8, 2);
            int hour = digits(value, 11, 2);
            int minute = digits(value, 14, 2);
            int second = digits(value, 17, 2);
            if ((year | month | day | hour | minute | second) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException outOfRange) {
                    // the formatter below reports it
                }
            }
        }
        return LocalDateTime.parse(value, UTC_DATE_TIME).toInstant(ZoneOffset.UTC);
    }

    /** The decimal number in {@code value[from, from + count)}, or -1 if any of those characters is not 0-9. */
    private static int digits(String value, int from, int count) {
        int result = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private final class Checked {
        private final int row;
        private final List<ImportError> errors;
        private final java.util.HashMap<String, String> values = new java.util.HashMap<>();
        private Instant instant;

        Checked(int row, List<ImportError> errors) {
            this.row = row;
            this.errors = errors;
        }

        String value(String... names) {
            for (String name : names) {
                String value = values.get(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        void check(ImportFormat.Column column, String raw) {
            String value = column.type() == ImportFormat.ColumnType.PASSWORD ? raw : raw.strip();
            if (value.isEmpty()) {
                if (column.required()) {
                    fail(column, raw, "a value is required");
                }
                return;
            }
            switch (column.type()) {
                case EMAIL -> {
                    if (!EmailAddresses.isValid(value)) {
                        fail(column, raw, "not a valid email address");
                    }
                }
                case CODE -> {
                    if (!CODE.matcher(value).matches()) {
                        fail(column, raw, "a code may only contain letters, digits, '.', '_' and '-'");
                    }
                }
                case PASSWORD -> {
                    if (value.length() < PasswordRule.MIN_LENGTH) {
                        fail(column, ImportErrorValues.HIDDEN, "the password is too weak: use at least "
                                + PasswordRule.MIN_LENGTH + " characters");
                    } else if (PasswordRule.isTooLong(value)) {
                        fail(column, ImportErrorValues.HIDDEN, "the password is too long: bcrypt reads at most "
                                + PasswordRule.MAX_BYTES + " bytes (letters beyond plain ASCII take 2 to 4 each)");
                    }
                }
                case UTC_DATETIME -> checkDateTime(column, value);
                case LEARNER_ID -> {
                    if (value.chars().anyMatch(Character::isISOControl)) {
                        fail(column, raw, "the value contains control characters");
                    }
                }
                case TEXT -> {
                    // a quoted value may hold line breaks and tabs; other control characters are never text
                    if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                        fail(column, raw, "the value contains control characters");
                    }
                }
            }
            values.put(column.name(), value);
        }

        private void checkDateTime(ImportFormat.Column column, String value) {
            try {
                Instant at = parseUtc(value);
                if (!at.isAfter(now)) {
                    fail(column, value, "the expiry time is in the past");
                } else if (at.isAfter(now.plus(longestExpiry))) {
                    fail(column, value, "the expiry time is more than " + longestExpiry.toDays() + " days ahead");
                } else {
                    instant = at;
                }
            } catch (DateTimeParseException e) {
                fail(column, value, "not a date and time in UTC as YYYY-MM-DD HH:MM:SS");
            }
        }

        private void fail(ImportFormat.Column column, String value, String reason) {
            errors.add(new ImportError(row, column.name(), ImportErrorValues.shown(column, value), reason));
        }
    }
}
