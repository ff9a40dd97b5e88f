package com.seatflow.imports;

import java.time.Instant;

/** A row that passed the per-row checks, in the shape of the import_row staging table. */
record StagedRow(int rowNumber, String email, String emailNorm, String externalLearnerId, String programCode,
        String runCode, Instant expiryTime, String firstName, String lastName, String password) {

    StagedRow withoutPassword() {
        return new StagedRow(rowNumber, email, emailNorm, externalLearnerId, programCode, runCode, expiryTime,
                firstName, lastName, null);
    }
}
