package com.seatflow.imports;

/** Which import a job works on and where its rows go. */
record ImportTarget(long importId, long orgId, Long groupId, ImportFormat format, java.util.Set<String> programmeScope) {

    /** Whether a row may name this programme: always, unless the uploader administers only some programmes. */
    boolean allowsProgramme(String programmeCode) {
        return programmeScope.isEmpty() || programmeScope.contains(programmeCode);
    }

    boolean isGroupImport() {
        return groupId != null;
    }
}
