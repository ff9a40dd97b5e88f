package com.seatflow.imports;

/** One problem found in a file: row number (header = row 1; null for the whole file), column, value, reason. */
public record ImportError(Integer rowNumber, String column, String value, String reason) {
}
