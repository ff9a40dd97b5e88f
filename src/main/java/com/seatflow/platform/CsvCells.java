package com.seatflow.platform;

/** CSV cells Seatflow writes for spreadsheets: a leading = + - @ tab or CR would make a formula, so it is quoted away. */
public final class CsvCells {

    private CsvCells() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
