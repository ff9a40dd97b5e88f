package com.seatflow.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.seatflow.platform.SqlTime;

/**
 * Writes one block of checked rows to the staging table (COPY on PostgreSQL, a JDBC batch elsewhere) and its errors
 * to import_error. Codes are resolved from the in-memory {@link CodeBook}; what learners already have is decided for
 * the whole file at once by {@link StagedRowChecks}; passwords are hashed in parallel, so hashing is the only real
 * cost of a group file.
 */
class StagingWriter implements ItemWriter<List<ValidatedRow>> {

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
    public void write(Chunk<? extends List<ValidatedRow>> blocks) {
        List<ImportError> errors = new ArrayList<>();
        List<StagedRow> staged = new ArrayList<>();
        int lastRow = 0;
        for (List<ValidatedRow> block : blocks) {
            for (ValidatedRow item : block) {
                errors.addAll(item.errors());
                lastRow = Math.max(lastRow, item.rowNumber());
                if (item.staged() != null) {
                    staged.add(item.staged());
                }
            }
        }
        List<Row> rows = target.isGroupImport() ? hashPasswords(staged) : resolveCodes(staged, errors);
        insertRows(rows);
        insertErrors(errors);
        if (lastRow > 0) {
            imports.setValidatedRows(target.importId(), lastRow - 1);
        }
    }

    private List<Row> resolveCodes(List<StagedRow> staged, List<ImportError> errors) {
        List<Row> rows = new ArrayList<>(staged.size());
        for (StagedRow row : staged) {
            Long productId = codes.programme(row.programCode());
            if (productId == null) {
                errors.add(new ImportError(row.rowNumber(), "program_code", row.programCode(),
                        "no programme with this code"));
            } else if (!target.allowsProgramme(row.programCode())) {
                // resolved no further, so its seats count nowhere
                productId = null;
                errors.add(new ImportError(row.rowNumber(), "program_code", row.programCode(),
                        "you may invite learners only to the programmes you administer: "
                                + String.join(", ", new java.util.TreeSet<>(target.programmeScope()))));
            }
            Long runId = productId == null ? null : codes.run(row.programCode(), row.runCode());
            if (productId != null && runId == null) {
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

    private static final String COLUMNS = """
            import_id, row_number, email, email_norm, external_learner_id, program_code, run_code, expiry_time,
            first_name, last_name, password_hash, product_id, run_id, pool_id""";

    /**
     * Stages the rows of one chunk in the chunk's transaction: with COPY on PostgreSQL (a fraction of the cost of
     * even a rewritten batch insert), with one JDBC batch elsewhere. Every row starts as NEW; the whole-file checks
     * mark the rows whose learners already have what they ask for as UNCHANGED in one statement.
     */
    private void insertRows(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        DataSource dataSource = jdbcTemplate.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copyRows(connection.unwrap(PGConnection.class), rows);
                return;
            }
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("Cannot stage the rows of import " + target.importId(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        batchInsertRows(rows);
    }

    /**
     * Formats the whole block as COPY text first (a StringBuilder, not a Writer call per field: the block is at most
     * {@code chunk-size} rows) and sends it in one piece, so the COPY does not keep the database waiting on formatting.
     */
    private void copyRows(PGConnection connection, List<Row> rows) throws SQLException, IOException {
        StringBuilder out = new StringBuilder(rows.size() * 160);
        String importId = Long.toString(target.importId());
        for (Row r : rows) {
            StagedRow s = r.row();
            out.append(importId).append(',').append(s.rowNumber());
            text(out, s.email());
            text(out, s.emailNorm());
            text(out, s.externalLearnerId());
            text(out, s.programCode());
            text(out, s.runCode());
            out.append(',');
            if (s.expiryTime() != null) {
                out.append(s.expiryTime());
            }
            text(out, s.firstName());
            text(out, s.lastName());
            text(out, r.passwordHash());
            number(out, r.productId());
            number(out, r.runId());
            number(out, r.poolId());
            out.append('\n');
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        connection.getCopyAPI().copyIn("COPY import_row (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)",
                new ByteArrayInputStream(bytes), bytes.length);
    }

    /** A CSV field for COPY: always quoted, so an empty string stays distinct from NULL (an empty unquoted field). */
    private static void text(StringBuilder out, String value) {
        out.append(',');
        if (value != null) {
            out.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\"")).append('"');
        }
    }

    private static void number(StringBuilder out, Long value) {
        out.append(',');
        if (value != null) {
            out.append(value.longValue());
        }
    }

    private void batchInsertRows(List<Row> rows) {
        jdbcTemplate.batchUpdate("INSERT INTO import_row (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, rows.size(), (ps, r) -> {
                    StagedRow s = r.row();
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
