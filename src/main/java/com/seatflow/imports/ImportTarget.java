package com.seatflow.imports;

/**
 * Which import a job works on and where its rows go. {@code valuesRepeat}: some email or learner id appears on more
 * than one row (as far as validation has found; true before it has looked).
 */
record ImportTarget(long importId, long orgId, Long groupId, ImportFormat format, java.util.Set<String> programmeScope,
        boolean valuesRepeat) {

    /** Whether a row may name this programme: always, unless the uploader administers only some programmes. */
    boolean allowsProgramme(String programmeCode) {
        return programmeScope.isEmpty() || programmeScope.contains(programmeCode);
    }

    boolean isGroupImport() {
        return groupId != null;
    }
}
