package com.seatflow.imports;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import com.seatflow.platform.NotFoundException;

/** The import_job table and the errors recorded for each import. */
@Repository
class Imports {

    private static final String SELECT = """
            SELECT i.id, i.org_id, o.code AS org_code, i.group_id, g.code AS group_code, i.format, i.source, i.file_name,
                   i.stored_path, i.uploaded_by, i.checksum, i.status, i.duplicate_of, i.total_rows, i.validated_rows,
                   i.committed_rows, i.new_rows, i.unchanged_rows, i.error_count, i.seat_summary, i.outcome_message,
                   i.process_instance_id, i.reviewed_by, i.created_at, i.updated_at, i.programme_scope, i.support_review
              FROM import_job i
              JOIN organisation o ON o.id = i.org_id
              LEFT JOIN learner_group g ON g.id = i.group_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Imports(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    long insert(long orgId, Long groupId, String format, String source, String fileName, String storedPath,
            String uploadedBy, String checksum, ImportStatus status, Long duplicateOf) {
        var key = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO import_job (org_id, group_id, format, source, file_name, stored_path, uploaded_by, checksum,
                                        status, duplicate_of, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, groupId, format, source, fileName, storedPath, uploadedBy, checksum, status.name(),
                        duplicateOf, now, now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    ImportJob require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No import " + id));
    }

    Optional<ImportJob> find(long id) {
        return jdbc.sql(SELECT + " WHERE i.id = ?").param(id).query(ImportJob.class).optional();
    }

    List<ImportJob> ofOrg(long orgId) {
        return jdbc.sql(SELECT + " WHERE i.org_id = ? ORDER BY i.id DESC").param(orgId).query(ImportJob.class).list();
    }

    /** The earliest live or completed import of the same content into the same target (format, and group if any). */
    Optional<ImportJob> liveWithChecksum(long orgId, String format, Long groupId, String checksum) {
        var statement = jdbc.sql(SELECT + " WHERE i.org_id = :org AND i.checksum = :checksum"
                + " AND i.format = :format AND " + (groupId == null ? "i.group_id IS NULL" : "i.group_id = :group")
                + " AND i.status IN (:live) ORDER BY i.id")
                .param("org", orgId).param("checksum", checksum).param("format", format)
                .param("live", names(ImportStatus.COUNTS_FOR_DUPLICATES));
        if (groupId != null) {
            statement = statement.param("group", groupId);
        }
        return statement.query(ImportJob.class).list().stream().findFirst();
    }

    boolean anyInStatus(long orgId, ImportStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM import_job WHERE org_id = ? AND status = ?")
                .params(orgId, status.name()).query(Integer.class).single() > 0;
    }

    Optional<Long> oldestInStatus(long orgId, ImportStatus status) {
        return jdbc.sql("SELECT MIN(id) FROM import_job WHERE org_id = ? AND status = ?")
                .params(orgId, status.name()).query(Long.class).optional();
    }

    void setStatus(long id, ImportStatus status, String message) {
        jdbc.sql("UPDATE import_job SET status = ?, outcome_message = COALESCE(?, outcome_message), updated_at = ? WHERE id = ?")
                .params(status.name(), message, OffsetDateTime.now(clock), id).update();
        events.publishEvent(new ImportStatusChanged(id, status, message));
    }

    /** Moves the import only if it is still in one of the expected states; false if it was not. */
    boolean transition(long id, Collection<ImportStatus> from, ImportStatus to, String message) {
        boolean moved = jdbc.sql("""
                UPDATE import_job SET status = :to, outcome_message = COALESCE(:message, outcome_message), updated_at = :now
                 WHERE id = :id AND status IN (:from)""")
                .param("to", to.name()).param("message", message).param("now", OffsetDateTime.now(clock)).param("id", id)
                .param("from", names(from)).update() == 1;
        if (moved) {
            events.publishEvent(new ImportStatusChanged(id, to, message));
        }
        return moved;
    }

    void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("UPDATE import_job SET process_instance_id = ? WHERE id = ?").params(processInstanceId, id).update();
    }

    void setProgrammeScope(long id, String programmeScope) {
        jdbc.sql("UPDATE import_job SET programme_scope = ? WHERE id = ?").params(programmeScope, id).update();
    }

    void setSupportReview(long id, String reason) {
        jdbc.sql("UPDATE import_job SET support_review = ? WHERE id = ?").params(reason, id).update();
    }

    void setStoredPath(long id, String storedPath) {
        jdbc.sql("UPDATE import_job SET stored_path = ? WHERE id = ?").params(storedPath, id).update();
    }

    void setReviewer(long id, String reviewer) {
        jdbc.sql("UPDATE import_job SET reviewed_by = ? WHERE id = ?").params(reviewer, id).update();
    }

    /** Progress only moves forward: blocks of a file are staged side by side and may finish out of order. */
    void setValidatedRows(long id, int rows) {
        jdbc.sql("UPDATE import_job SET validated_rows = GREATEST(validated_rows, ?), updated_at = ? WHERE id = ?")
                .params(rows, OffsetDateTime.now(clock), id).update();
    }

    void addCommittedRows(long id, int rows) {
        jdbc.sql("UPDATE import_job SET committed_rows = committed_rows + ?, updated_at = ? WHERE id = ?")
                .params(rows, OffsetDateTime.now(clock), id).update();
    }

    void setCommittedRows(long id, int rows) {
        jdbc.sql("UPDATE import_job SET committed_rows = ?, updated_at = ? WHERE id = ?")
                .params(rows, OffsetDateTime.now(clock), id).update();
    }

    void recordValidation(long id, int totalRows, int newRows, int unchangedRows, int errorCount, String seatSummary,
            boolean valuesRepeat) {
        jdbc.sql("""
                UPDATE import_job SET total_rows = ?, new_rows = ?, unchanged_rows = ?, error_count = ?, seat_summary = ?,
                                      values_repeat = ?, updated_at = ?
                 WHERE id = ?""")
                .params(totalRows, newRows, unchangedRows, errorCount, seatSummary, valuesRepeat,
                        OffsetDateTime.now(clock), id)
                .update();
    }

    /** Whether validation found an email or learner id on more than one row (true until it has looked). */
    boolean valuesRepeat(long id) {
        return jdbc.sql("SELECT values_repeat FROM import_job WHERE id = ?").param(id).query(Boolean.class).single();
    }

    private static final String ERRORS = """
            SELECT row_number, column_name, cell_value, reason
              FROM import_error WHERE import_id = ? ORDER BY row_number NULLS FIRST, column_name, reason""";

    private static final org.springframework.jdbc.core.RowMapper<ImportError> ERROR_MAPPER = (rs, i) -> new ImportError(
            (Integer) rs.getObject("row_number"), rs.getString("column_name"), rs.getString("cell_value"),
            rs.getString("reason"));

    List<ImportError> errors(long id, int limit) {
        return jdbc.sql(ERRORS + " FETCH FIRST " + limit + " ROWS ONLY").param(id).query(ERROR_MAPPER).list();
    }

    /** Streams every error of an import in row order, for downloads of any size. */
    void forEachError(long id, java.util.function.Consumer<ImportError> action) {
        try (var errors = jdbc.sql(ERRORS).param(id).query(ERROR_MAPPER).stream()) {
            errors.forEach(action);
        }
    }

    void deleteStaging(long id) {
        jdbc.sql("DELETE FROM import_row WHERE import_id = ?").param(id).update();
    }

    void deleteCompletely(long id) {
        deleteStaging(id);
        jdbc.sql("DELETE FROM import_error WHERE import_id = ?").param(id).update();
        jdbc.sql("DELETE FROM import_job WHERE id = ?").param(id).update();
    }

    private static List<String> names(Collection<ImportStatus> statuses) {
        return statuses.stream().map(Enum::name).toList();
    }
}
