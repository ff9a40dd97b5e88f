package com.seatflow.imports;

import java.io.InputStream;
import java.util.Set;

/**
 * A file handed in for import, from any channel (REST upload, drop folder, command line).
 *
 * @param programmeScope for a programme file from a programme learner admin: the only programme codes its rows may
 *        name (every other row is an error); null when the uploader may invite to every programme
 */
public record ImportSubmission(String orgCode, String groupCode, String format, String source, String fileName,
        InputStream content, String uploadedBy, Set<String> programmeScope) {

    /** A file whose rows may name any programme. */
    public ImportSubmission(String orgCode, String groupCode, String format, String source, String fileName,
            InputStream content, String uploadedBy) {
        this(orgCode, groupCode, format, source, fileName, content, uploadedBy, null);
    }
}
