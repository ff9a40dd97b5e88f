package com.seatflow.imports;

/**
 * An import moved to another status. Published inside the transaction that moved it, so that channels owing the sender
 * an answer (SFTP result files, mail replies) record it in that same transaction; they look only at settled statuses.
 */
public record ImportStatusChanged(long importId, ImportStatus status, String message) {

    /** See {@link ImportStatus#SETTLED}. */
    public boolean settled() {
        return ImportStatus.SETTLED.contains(status);
    }
}
