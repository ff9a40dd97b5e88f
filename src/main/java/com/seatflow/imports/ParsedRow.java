package com.seatflow.imports;

import java.util.List;
import java.util.Map;

/**
 * One record read from a file: its values by column, problems found while reading it, or a problem with the
 * file as a whole ({@code fileError}) after which nothing more is read.
 */
record ParsedRow(int rowNumber, Map<String, String> values, List<ImportError> errors, String fileError) {

    static ParsedRow fileProblem(Integer rowNumber, String reason) {
        return new ParsedRow(rowNumber == null ? 0 : rowNumber, Map.of(), List.of(), reason);
    }
}
