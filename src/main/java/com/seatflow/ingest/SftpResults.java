package com.seatflow.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.seatflow.imports.ImportStatusChanged;
import com.seatflow.platform.SqlTime;

/**
 * The result files owed to SFTP servers ({@code sftp_result}). A row is pending while its latest outcome has not been
 * written to the server; every settled status of the import makes it pending again, in the transaction that settled
 * it, so the outcome cannot be lost between the status change and the delivery.
 */
@Repository
class SftpResults {

    /** One owed result: the file was moved to {@code folder/fileName}; {@code importId} is null if it never became an import. */
    record Owed(long id, long integrationId, Long importId, String folder, String fileName, String status,
            String message, int attempts, Instant nextAttemptAt) {
    }

    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    SftpResults(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A file became import {@code importId}; pending at once if the import is already settled (a duplicate). */
    void recordImport(long integrationId, long importId, String folder, String fileName, String settledStatus,
            String message) {
        insert(integrationId, importId, folder, fileName, settledStatus, message);
    }

    /** A file could not even be submitted and was moved to {@code folder}. */
    void recordFailure(long integrationId, String folder, String fileName, String reason) {
        insert(integrationId, null, folder, fileName, "NOT_IMPORTED", reason);
    }

    private void insert(long integrationId, Long importId, String folder, String fileName, String status,
            String message) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO sftp_result (integration_id, import_id, folder, file_name, status, message, pending,
                                         next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(integrationId, importId, folder, fileName, status, cut(message, MAX_MESSAGE), status != null,
                        now, now)
                .update();
    }

    /** Runs inside the transaction that changed the import: the owed result commits (or rolls back) with it. */
    @EventListener
    void onImportStatusChanged(ImportStatusChanged changed) {
        if (!changed.settled()) {
            return;
        }
        jdbc.sql("""
                UPDATE sftp_result SET status = ?, message = ?, pending = TRUE, attempts = 0, next_attempt_at = ?,
                       last_error = NULL
                 WHERE import_id = ?""")
                .params(changed.status().name(), cut(changed.message(), MAX_MESSAGE), OffsetDateTime.now(clock),
                        changed.importId())
                .update();
    }

    List<Owed> due(int limit) {
        return jdbc.sql("""
                SELECT id, integration_id, import_id, folder, file_name, status, message, attempts, next_attempt_at
                  FROM sftp_result WHERE pending = TRUE AND next_attempt_at <= ? ORDER BY next_attempt_at, id
                 FETCH FIRST ? ROWS ONLY""")
                .params(OffsetDateTime.now(clock), limit).query(SftpResults::map).list();
    }

    /**
     * Takes the row for one delivery attempt by pushing its next attempt out by {@code lease}; false if another node
     * (or a status change) touched it since it was read.
     */
    boolean claim(Owed owed, Instant until) {
        return jdbc.sql("""
                UPDATE sftp_result SET next_attempt_at = ?
                 WHERE id = ? AND pending = TRUE AND next_attempt_at = ? AND status = ?""")
                .params(SqlTime.of(until), owed.id(), SqlTime.of(owed.nextAttemptAt()), owed.status()).update() == 1;
    }

    /** Delivered; stays pending if the import settled again (another status) while this one was being written. */
    void delivered(Owed owed) {
        jdbc.sql("""
                UPDATE sftp_result SET pending = FALSE, delivered_at = ?, last_error = NULL
                 WHERE id = ? AND status = ?""")
                .params(OffsetDateTime.now(clock), owed.id(), owed.status()).update();
    }

    void failed(Owed owed, Instant nextAttempt, String error) {
        jdbc.sql("""
                UPDATE sftp_result SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
                 WHERE id = ? AND status = ?""")
                .params(SqlTime.of(nextAttempt), cut(error, MAX_ERROR), owed.id(), owed.status()).update();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Owed map(ResultSet rs, int row) throws SQLException {
        long importId = rs.getLong("import_id");
        return new Owed(rs.getLong("id"), rs.getLong("integration_id"), rs.wasNull() ? null : importId,
                rs.getString("folder"), rs.getString("file_name"), rs.getString("status"), rs.getString("message"),
                rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }
}
