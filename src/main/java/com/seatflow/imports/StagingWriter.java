package com.seatflow.imports;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.seatflow.platform.SqlTime;

/**
 * Writes one chunk of checked rows to the staging table and its errors to import_error, two JDBC batches per chunk.
 * Codes are resolved from the in-memory {@link CodeBook}; what learners already have is looked up once per chunk;
 * passwords are hashed in parallel, so hashing is the only real cost of a group file.
 */
class StagingWriter implements ItemWriter<ValidatedRow> {

    private final ImportTarget target;
    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final CodeBook codes;
    private final PasswordEncoder passwords;
    private final Imports imports;

    StagingWriter(ImportTarget target, JdbcTemplate jdbcTemplate, JdbcClient jdbc, CodeBook codes,
            PasswordEncoder passwords, Imports imports) {
        this.target = target;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.codes = codes;
        this.passwords = passwords;
        this.imports = imports;
    }

    private record Row(StagedRow row, Long productId, Long runId, Long poolId, String passwordHash) {
    }

    @Override
    public void write(Chunk<? extends ValidatedRow> chunk) {
        List<ImportError> errors = new ArrayList<>();
        List<StagedRow> staged = new ArrayList<>();
        int lastRow = 0;
        for (ValidatedRow item : chunk) {
            errors.addAll(item.errors());
            lastRow = Math.max(lastRow, item.rowNumber());
            if (item.staged() != null) {
                staged.add(item.staged());
            }
        }
        List<Row> rows = target.isGroupImport() ? hashPasswords(staged) : resolveCodes(staged, errors);
        Set<String> alreadyHave = alreadyHave(rows);
        insertRows(rows, alreadyHave);
        insertErrors(errors);
        if (lastRow > 0) {
            imports.setValidatedRows(target.importId(), lastRow - 1);
        }
    }

    private List<Row> resolveCodes(List<StagedRow> staged, List<ImportError> errors) {
        List<Row> rows = new ArrayList<>(staged.size());
        for (StagedRow row : staged) {
            Long productId = codes.programme(row.programCode());
            Long runId = productId == null ? null : codes.run(row.programCode(), row.runCode());
            if (productId == null) {
                errors.add(new ImportError(row.rowNumber(), "program_code", row.programCode(),
                        "no programme with this code"));
            } else if (runId == null) {
                errors.add(new ImportError(row.rowNumber(), "program_run_code", row.runCode(),
                        "programme " + row.programCode() + " has no run with this code"));
            }
            Long poolId = runId == null ? null : codes.pool(productId, runId);
            rows.add(new Row(row, productId, runId, poolId, null));
        }
        return rows;
    }

    private List<Row> hashPasswords(List<StagedRow> staged) {
        return staged.parallelStream()
                .map(row -> new Row(row.withoutPassword(), null, null, null,
                        row.password() == null ? null : passwords.encode(row.password())))
                .toList();
    }

    /** Keys (email, and run for programme rows) of what the learners in this chunk already have. */
    private Set<String> alreadyHave(List<Row> rows) {
        Set<String> emails = new HashSet<>();
        rows.forEach(r -> emails.add(r.row().emailNorm()));
        Set<String> have = new HashSet<>();
        if (emails.isEmpty()) {
            return have;
        }
        if (target.isGroupImport()) {
            jdbc.sql("""
                    SELECT u.email_norm FROM group_member m JOIN user_account u ON u.id = m.user_id
                     WHERE m.group_id = :group AND u.email_norm IN (:emails)
                    UNION
                    SELECT email_norm FROM invitation
                     WHERE group_id = :group AND kind = 'GROUP' AND status = 'PENDING' AND email_norm IN (:emails)""")
                    .param("group", target.groupId()).param("emails", emails)
                    .query(rs -> {
                        have.add(rs.getString(1));
                    });
        } else {
            jdbc.sql("""
                    SELECT email_norm, run_id FROM invitation
                     WHERE org_id = :org AND kind = 'PROGRAMME' AND status = 'PENDING' AND email_norm IN (:emails)
                    UNION
                    SELECT u.email_norm, e.run_id FROM enrolment e JOIN user_account u ON u.id = e.user_id
                     WHERE e.status <> 'REMOVED' AND e.run_id IS NOT NULL AND u.email_norm IN (:emails)""")
                    .param("org", target.orgId()).param("emails", emails)
                    .query(rs -> {
                        have.add(rs.getString(1) + "\n" + rs.getLong(2));
                    });
        }
        return have;
    }

    private void insertRows(List<Row> rows, Set<String> alreadyHave) {
        if (rows.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO import_row (import_id, row_number, email, email_norm, external_learner_id, program_code,
                                        run_code, expiry_time, first_name, last_name, password_hash, product_id, run_id,
                                        pool_id, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, rows.size(), (ps, r) -> {
            StagedRow s = r.row();
            String key = target.isGroupImport() ? s.emailNorm() : s.emailNorm() + "\n" + r.runId();
            ps.setLong(1, target.importId());
            ps.setInt(2, s.rowNumber());
            ps.setString(3, s.email());
            ps.setString(4, s.emailNorm());
            ps.setString(5, s.externalLearnerId());
            ps.setString(6, s.programCode());
            ps.setString(7, s.runCode());
            ps.setObject(8, SqlTime.of(s.expiryTime()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(9, s.firstName());
            ps.setString(10, s.lastName());
            ps.setString(11, r.passwordHash());
            setLong(ps, 12, r.productId());
            setLong(ps, 13, r.runId());
            setLong(ps, 14, r.poolId());
            ps.setString(15, alreadyHave.contains(key) ? "UNCHANGED" : "NEW");
        });
    }

    private void insertErrors(List<ImportError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason) VALUES (?, ?, ?, ?, ?)""",
                errors, errors.size(), (ps, e) -> {
                    ps.setLong(1, target.importId());
                    if (e.rowNumber() == null) {
                        ps.setNull(2, Types.INTEGER);
                    } else {
                        ps.setInt(2, e.rowNumber());
                    }
                    ps.setString(3, e.column());
                    ps.setString(4, e.value());
                    ps.setString(5, e.reason());
                });
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
