package com.seatflow.imports;

/**
 * An import moved to another status. Published inside the transaction that moved it; channels that owe the sender an
 * answer (SFTP result files, mail replies) listen after commit and look only at the statuses that settle something.
 */
public record ImportStatusChanged(long importId, ImportStatus status, String message) {

    /** The sender can be told the outcome: the import stopped, or waits only for a human decision. */
    public boolean settled() {
        return switch (status) {
            case REJECTED, AWAITING_REVIEW, COMPLETED, CANCELED, DUPLICATE, FAILED, COMMIT_FAILED -> true;
            default -> false;
        };
    }
}
