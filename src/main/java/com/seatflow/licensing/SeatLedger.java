package com.seatflow.licensing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.platform.CsvCells;
import com.seatflow.platform.SqlTime;

/** An organisation's seat ledger, read as JSON pages or exported as CSV (streamed: memory does not grow with it). */
@Service
public class SeatLedger {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 5000;

    static final List<String> CSV_HEADER = List.of("id", "created_at", "pool_id", "product", "run", "group", "type",
            "entry_type", "total_delta", "reserved_delta", "consumed_delta", "actor", "reason", "source_type",
            "source_ref");

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    SeatLedger(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
    }

    /**
     * Which entries of an organisation: optionally one pool, a time window ({@code from} inclusive, {@code to}
     * exclusive), some entry types, and the page after entry {@code afterId}.
     */
    public record LedgerQuery(long orgId, Long poolId, Instant from, Instant to, Set<LedgerEntryType> types,
            Long afterId, int limit) {
    }

    /** One ledger entry with the pool it belongs to; {@code type} is the entry's word (bought, allocated, …). */
    public record LedgerLine(long id, Instant createdAt, long poolId, String productCode, String runCode,
            String groupCode, String type, LedgerEntryType entryType, int totalDelta, int reservedDelta,
            int consumedDelta, String actor, String reason, String sourceType, String sourceRef) {
    }

    /** A page of entries, oldest first; {@code nextAfterId} asks for the next page, null on the last one. */
    public record LedgerPage(List<LedgerLine> entries, Long nextAfterId) {
    }

    public LedgerPage page(LedgerQuery query) {
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = select(query, params) + " FETCH FIRST " + (limit + 1) + " ROWS ONLY";
        List<LedgerLine> lines = new ArrayList<>(jdbc.query(sql, params, (rs, i) -> line(rs)));
        Long next = null;
        if (lines.size() > limit) {
            lines = lines.subList(0, limit);
            next = lines.get(limit - 1).id();
        }
        return new LedgerPage(List.copyOf(lines), next);
    }

    /** Writes every matching entry as CSV; text cells are neutralised so a spreadsheet never runs them as formulas. */
    @Transactional(readOnly = true)
    public void export(LedgerQuery query, Writer out) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
            csv.printRecord(CSV_HEADER);
            streaming.query(select(query, params), params, rs -> {
                LedgerLine l = line(rs);
                try {
                    csv.printRecord(l.id(), l.createdAt(), l.poolId(), text(l.productCode()), text(l.runCode()),
                            text(l.groupCode()), l.type(), l.entryType().name(), l.totalDelta(), l.reservedDelta(),
                            l.consumedDelta(), text(l.actor()), text(l.reason()), text(l.sourceType()),
                            text(l.sourceRef()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String select(LedgerQuery query, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder("""
                SELECT l.id, l.created_at, l.pool_id, pr.code AS product_code, r.code AS run_code, g.code AS group_code,
                       l.entry_type, l.total_delta, l.reserved_delta, l.consumed_delta, l.actor, l.reason,
                       l.source_type, l.source_ref
                  FROM seat_ledger l
                  JOIN seat_pool p ON p.id = l.pool_id
                  JOIN product pr ON pr.id = p.product_id
                  LEFT JOIN programme_run r ON r.id = p.run_id
                  LEFT JOIN learner_group g ON g.id = p.group_id
                 WHERE p.org_id = :org""");
        params.addValue("org", query.orgId());
        if (query.poolId() != null) {
            sql.append(" AND l.pool_id = :pool");
            params.addValue("pool", query.poolId());
        }
        if (query.from() != null) {
            sql.append(" AND l.created_at >= :from");
            params.addValue("from", SqlTime.of(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND l.created_at < :to");
            params.addValue("to", SqlTime.of(query.to()));
        }
        if (query.types() != null && !query.types().isEmpty()) {
            sql.append(" AND l.entry_type IN (:types)");
            params.addValue("types", query.types().stream().map(Enum::name).toList());
        }
        if (query.afterId() != null) {
            sql.append(" AND l.id > :after");
            params.addValue("after", query.afterId());
        }
        return sql.append(" ORDER BY l.id").toString();
    }

    private static LedgerLine line(ResultSet rs) throws SQLException {
        LedgerEntryType type = LedgerEntryType.valueOf(rs.getString("entry_type"));
        OffsetDateTime at = rs.getObject("created_at", OffsetDateTime.class);
        return new LedgerLine(rs.getLong("id"), at == null ? null : at.toInstant(), rs.getLong("pool_id"),
                rs.getString("product_code"), rs.getString("run_code"), rs.getString("group_code"), type.label(), type,
                rs.getInt("total_delta"), rs.getInt("reserved_delta"), rs.getInt("consumed_delta"),
                rs.getString("actor"), rs.getString("reason"), rs.getString("source_type"), rs.getString("source_ref"));
    }

    private static String text(String value) {
        return CsvCells.neutralise(value);
    }
}
