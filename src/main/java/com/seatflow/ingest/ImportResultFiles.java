package com.seatflow.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportErrorReport;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.platform.AtomicFiles;

/**
 * The answer a file channel leaves beside a file it took (the drop folder, SFTP servers): {@code <moved
 * file>.result.txt} with the import's status and counts, and for a rejected import {@code <moved file>.errors.csv}.
 */
@Component
class ImportResultFiles {

    static final String RESULT_SUFFIX = ".result.txt";
    static final String ERRORS_SUFFIX = ".errors.csv";

    private final ImportManagement imports;
    private final ImportErrorReport errorReport;
    private final Clock clock;

    ImportResultFiles(ImportManagement imports, ImportErrorReport errorReport, Clock clock) {
        this.imports = imports;
        this.errorReport = errorReport;
        this.clock = clock;
    }

    /**
     * Writes the answer into {@code dir} and returns the files in the order they were written: the errors CSV (if any)
     * before the result, whose arrival marks the answer complete. The errors are streamed from the database, however
     * many there are; each file is written with {@link AtomicFiles}, so nobody reads half of it.
     * {@code message} is the outcome to report, or null for the import's own.
     */
    List<Path> write(Path dir, String orgCode, long importId, ImportStatus status, String message, String movedName)
            throws IOException {
        ImportJob job = imports.find(orgCode, importId);
        List<Path> written = new ArrayList<>();
        if (status == ImportStatus.REJECTED) {
            written.add(write(dir, movedName + ERRORS_SUFFIX, out -> errorReport.write(orgCode, job.id(), out)));
        }
        String summary = summary(job, status, message, movedName);
        written.add(write(dir, movedName + RESULT_SUFFIX, out -> out.write(summary)));
        return written;
    }

    /** Writes the result of a file that never became an import into {@code dir}. */
    Path writeNotImported(Path dir, String movedName, String status, String reason) throws IOException {
        String text = "file: " + movedName + "\nstatus: " + status + "\nmessage: " + reason
                + "\nThe file was not imported and was moved here. Fix it and upload it again.\nwritten at: "
                + Instant.now(clock) + "\n";
        return write(dir, movedName + RESULT_SUFFIX, out -> out.write(text));
    }

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static Path write(Path dir, String name, Content content) throws IOException {
        return AtomicFiles.write(dir.resolve(name), out -> {
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(text);
            text.flush();
        });
    }

    private String summary(ImportJob job, ImportStatus status, String message, String movedName) {
        StringBuilder text = new StringBuilder()
                .append("file: ").append(job.fileName()).append('\n')
                .append("import: ").append(job.id()).append('\n')
                .append("status: ").append(status).append('\n')
                .append("rows: ").append(job.totalRows()).append('\n')
                .append("rows validated: ").append(job.validatedRows()).append('\n')
                .append("errors: ").append(job.errorCount()).append('\n')
                .append("rows committed: ").append(job.committedRows()).append('\n')
                .append("new: ").append(job.newRows()).append('\n')
                .append("unchanged: ").append(job.unchangedRows()).append('\n');
        if (job.duplicateOf() != null) {
            text.append("duplicate of import: ").append(job.duplicateOf()).append('\n');
        }
        if (job.seatSummary() != null) {
            text.append("seats: ").append(job.seatSummary()).append('\n');
        }
        String outcome = message != null ? message : job.outcomeMessage();
        text.append("message: ").append(outcome == null ? "" : outcome).append('\n');
        if (status == ImportStatus.REJECTED) {
            text.append("error report: ").append(movedName).append(ERRORS_SUFFIX).append('\n');
        }
        return text.append("written at: ").append(Instant.now(clock)).append('\n').toString();
    }
}
