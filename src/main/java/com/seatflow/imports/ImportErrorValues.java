package com.seatflow.imports;

final class ImportErrorValues {

    private static final int SHOWN = 80;

    private ImportErrorValues() {
    }

    /** Long values are shown by their start only, so an error report never carries a 100 kB cell. */
    static String shorten(String value) {
        return value == null || value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }
}
