package com.seatflow.imports;

import java.util.List;

/** The outcome of the per-row checks: a row to stage (null when it cannot be), and its errors. */
record ValidatedRow(int rowNumber, StagedRow staged, List<ImportError> errors) {
}
