package com.seatflow.imports;

/** Which import a job works on and where its rows go. */
record ImportTarget(long importId, long orgId, Long groupId, ImportFormat format) {

    boolean isGroupImport() {
        return groupId != null;
    }
}
