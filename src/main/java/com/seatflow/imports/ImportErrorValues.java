package com.seatflow.imports;

final class ImportErrorValues {

    private static final int SHOWN = 80;
    /** What an error report shows instead of a password. */
    static final String HIDDEN = "(hidden)";

    private ImportErrorValues() {
    }

    /** Long values are shown by their start only, so an error report never carries a 100 kB cell. */
    static String shorten(String value) {
        return shorten(value, SHOWN);
    }

    static String shorten(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length) + "…";
    }

    /** A value of {@code column} as an error report may show it: shortened, and never a password. */
    static String shown(ImportFormat.Column column, String value) {
        return column.type() == ImportFormat.ColumnType.PASSWORD ? HIDDEN : shorten(value);
    }
}
