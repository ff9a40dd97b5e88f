package com.seatflow.imports;

import java.io.InputStream;

/** A file handed in for import, from any channel (REST upload, drop folder, command line). */
public record ImportSubmission(String orgCode, String groupCode, String format, String source, String fileName,
        InputStream content, String uploadedBy) {
}
