package com.seatflow.imports;

import java.util.Set;

public enum ImportStatus {
    RECEIVED, VALIDATING, REJECTED, AWAITING_REVIEW, QUEUED, COMMITTING, COMMIT_FAILED, COMPLETED, CANCELED,
    DUPLICATE, FAILED;

    /** The states an import can be canceled in: before any of it is applied. */
    public static final Set<ImportStatus> CANCELABLE = Set.of(AWAITING_REVIEW, QUEUED);

    /** The sender can be told the outcome: the import stopped, or waits only for a human decision. */
    public static final Set<ImportStatus> SETTLED = Set.of(REJECTED, AWAITING_REVIEW, COMPLETED, CANCELED, DUPLICATE,
            FAILED, COMMIT_FAILED);

    /** Imports in these states make an identical file a duplicate. */
    public static final Set<ImportStatus> COUNTS_FOR_DUPLICATES = Set.of(RECEIVED, VALIDATING, AWAITING_REVIEW, QUEUED,
            COMMITTING, COMMIT_FAILED, COMPLETED);
}
