package com.seatflow.imports;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One uploaded file and where it stands. {@code storedPath}, the file on the server, stays out of the API's JSON.
 * {@code supportReview}, when set, says why provider support, not the organisation, approves it.
 */
public record ImportJob(long id, long orgId, String orgCode, Long groupId, String groupCode, String format,
        String source, String fileName, @JsonIgnore String storedPath, String uploadedBy, String checksum,
        ImportStatus status, Long duplicateOf, int totalRows, int validatedRows, int committedRows, int newRows,
        int unchangedRows, int errorCount, String seatSummary, String outcomeMessage, String processInstanceId, String reviewedBy,
        Instant createdAt, Instant updatedAt, String programmeScope, String supportReview) {

    /** The programme codes a programme learner admin's upload may name; empty when it is unrestricted. */
    public java.util.Set<String> programmeCodesAllowed() {
        return programmeScope == null ? java.util.Set.of() : java.util.Set.of(programmeScope.split(","));
    }
}
