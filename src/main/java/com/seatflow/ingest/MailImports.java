package com.seatflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.imports.ImportErrorReport;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.imports.ImportStatusChanged;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.notification.MailAttachment;
import com.seatflow.notification.Outbox;

/**
 * Imports that came by mail and the replies their senders get: one when the import settles (checked and awaiting
 * review, completed, duplicate, rejected with the error report attached, canceled, failed), and one for a mail that
 * was refused. Replies are queued in the transaction that settled the import, so they leave exactly when it commits.
 */
@Component
class MailImports {

    static final String OUTCOME = "mail-import-outcome";
    static final String REFUSED = "mail-import-refused";
    /** Reports longer than this are not attached (a mail server would refuse them); the reply says where to get them. */
    static final int MAX_ATTACHED_ERRORS = 50_000;
    private static final int MAX_SUBJECT = 300;
    private static final int MAX_REASON = 2000;

    static final String HOW_TO = """
            How to mail an import: send one CSV file as an attachment to your organisation's import address (an admin
            gets it from POST /api/orgs/{org}/mail-import-address), from the address of your Seatflow account, with
            the subject "programme" for a programme file or "group <group code>" for a group file.""";

    private static final Map<ImportStatus, String> HEADLINES = Map.of(
            ImportStatus.AWAITING_REVIEW, "was checked without errors and now waits for an admin's review "
                    + "(Camunda Tasklist, task \"Review import\"); nothing is applied before it is approved",
            ImportStatus.COMPLETED, "was approved and applied",
            ImportStatus.DUPLICATE, "was not applied: the same file was already imported",
            ImportStatus.REJECTED, "was rejected; nothing was applied",
            ImportStatus.CANCELED, "was canceled; nothing was applied",
            ImportStatus.FAILED, "could not be checked; nothing was applied",
            ImportStatus.COMMIT_FAILED, "stopped part-way while being applied; an admin can retry it");

    private final JdbcClient jdbc;
    private final ImportManagement imports;
    private final ImportErrorReport errorReport;
    private final Outbox outbox;

    MailImports(JdbcClient jdbc, ImportManagement imports, ImportErrorReport errorReport, Outbox outbox) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.errorReport = errorReport;
        this.outbox = outbox;
    }

    private record Sender(String orgCode, String replyTo, String subject) {
    }

    /** Submits the attachment and remembers whom to answer. */
    @Transactional
    ImportJob submit(ImportSubmission submission, String replyTo, String subject) {
        ImportJob job = imports.submit(submission);
        Sender sender = new Sender(job.orgCode(), replyTo, shorten(subject));
        jdbc.sql("INSERT INTO mail_import (import_id, org_code, reply_to, subject) VALUES (?, ?, ?, ?)")
                .params(job.id(), sender.orgCode(), sender.replyTo(), sender.subject()).update();
        if (job.status() == ImportStatus.DUPLICATE) {
            // a duplicate settles inside submit, before the row above existed to route its event here
            reply(job, sender);
        }
        return job;
    }

    @Transactional
    void refuse(String replyTo, String subject, String reason) {
        outbox.enqueue(REFUSED, List.of(replyTo), shorten("Not imported: " + subject), """
                Your mail "%s" was not imported.

                Reason: %s

                %s
                """.formatted(shorten(subject), shorten(reason, MAX_REASON), HOW_TO));
    }

    @EventListener
    @Transactional
    void onStatusChanged(ImportStatusChanged change) {
        if (!change.settled()) {
            return;
        }
        jdbc.sql("SELECT org_code, reply_to, subject FROM mail_import WHERE import_id = ?").param(change.importId())
                .query(Sender.class).optional()
                .ifPresent(sender -> reply(imports.find(sender.orgCode(), change.importId()), sender));
    }

    private void reply(ImportJob job, Sender sender) {
        boolean attach = job.status() == ImportStatus.REJECTED && job.errorCount() > 0
                && job.errorCount() <= MAX_ATTACHED_ERRORS;
        StringBuilder body = new StringBuilder().append("Your file ").append(job.fileName()).append(" (mail \"")
                .append(sender.subject()).append("\") became import #").append(job.id()).append(" of ")
                .append(job.orgCode()).append(". It ").append(HEADLINES.get(job.status())).append(".\n\n");
        if (job.outcomeMessage() != null) {
            body.append(job.outcomeMessage()).append("\n\n");
        }
        body.append("Rows in the file: ").append(job.totalRows()).append("; new: ").append(job.newRows())
                .append("; unchanged: ").append(job.unchangedRows()).append("; with errors: ").append(job.errorCount())
                .append("; applied: ").append(job.committedRows()).append('\n');
        if (job.seatSummary() != null && !job.seatSummary().isBlank()) {
            body.append("Seats: ").append(job.seatSummary()).append('\n');
        }
        if (attach) {
            body.append("\nThe error report is attached: fix the file and send it again.\n");
        } else if (job.errorCount() > 0) {
            body.append("\nThe error report is too long to attach; download it with GET /api/orgs/")
                    .append(job.orgCode()).append("/imports/").append(job.id()).append("/errors.csv\n");
        }
        outbox.enqueue(OUTCOME, List.of(sender.replyTo()),
                shorten("Import #" + job.id() + " of " + job.orgCode() + ": " + job.status()), body.toString(),
                attach ? errorReport(job) : null);
    }

    private MailAttachment errorReport(ImportJob job) {
        var bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            errorReport.write(job.orgCode(), job.id(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MailAttachment("import-" + job.id() + "-errors.csv", "text/csv; charset=UTF-8", bytes.toByteArray());
    }

    private static String shorten(String text) {
        return shorten(text, MAX_SUBJECT);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
