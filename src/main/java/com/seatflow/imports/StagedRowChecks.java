package com.seatflow.imports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.rules.PoolDemand;
import com.seatflow.rules.PoolVerdict;
import com.seatflow.rules.SeatEligibility;

/**
 * The checks that need the whole file or the database: duplicates inside the file, learner ids that belong to
 * someone else, and whether the new rows fit the free seats (decided by the seat-eligibility rules).
 * Each check is one set-based statement over the staged rows.
 */
@Component
class StagedRowChecks {

    /**
     * The group pools an import takes seats from (SQL over {@code p}, parameters {@code :group} and {@code :now}):
     * those still valid; when every pool of the group has expired, those, so the seat rules can say so.
     */
    static final String GROUP_POOLS_IN_USE = """
            (p.valid_until IS NULL OR p.valid_until > :now
             OR NOT EXISTS (SELECT 1 FROM seat_pool v WHERE v.group_id = :group
                             AND (v.valid_until IS NULL OR v.valid_until > :now)))""";

    private static final String NO_ERROR = """
            NOT EXISTS (SELECT 1 FROM import_error e WHERE e.import_id = r.import_id AND e.row_number = r.row_number)""";
    private static final String ANY_ROW = "1 = 1";

    private final JdbcClient jdbc;
    private final SeatEligibility seatEligibility;
    private final Clock clock;

    StagedRowChecks(JdbcClient jdbc, SeatEligibility seatEligibility, Clock clock) {
        this.jdbc = jdbc;
        this.seatEligibility = seatEligibility;
        this.clock = clock;
    }

    /**
     * Records every duplicate and inconsistency among the staged rows and every learner id that belongs to someone
     * else. Returns whether any email or learner id appears on more than one row.
     */
    boolean checkWholeFile(ImportTarget target) {
        refreshOutcomes(target);
        boolean emailsRepeat = anyRepeated(target, "email_norm");
        if (target.isGroupImport()) {
            if (emailsRepeat) {
                duplicates(target, "email_norm", "r.email_norm", "user_email", "r.email", "the same email");
            }
            return emailsRepeat;
        }
        boolean learnerIdsRepeat = anyRepeated(target, "external_learner_id");
        if (emailsRepeat) {
            duplicates(target, "email_norm", "r.email_norm, r.program_code, r.run_code", "email", "r.email",
                    "the same email and programme run");
        }
        if (learnerIdsRepeat) {
            duplicates(target, "external_learner_id", "r.external_learner_id, r.program_code, r.run_code",
                    "external_learner_id", "r.external_learner_id", "the same learner id and programme run");
            inconsistent(target, "external_learner_id", "r.email_norm", "external_learner_id",
                    "r.external_learner_id", "this learner id is used with another email on row ");
        }
        if (emailsRepeat) {
            inconsistent(target, "email_norm", "r.external_learner_id", "email", "r.email",
                    "this email is used with another learner id on row ");
        }
        learnerIdsOfSomeoneElse(target);
        pairedOtherwiseByPendingInvitations(target);
        return emailsRepeat || learnerIdsRepeat;
    }

    /*
     * Duplicates and inconsistencies can only be found among rows that share an email or a learner id. So each check
     * first asks whether any value of its column repeats at all: a GROUP BY over the (import_id, column) index, which
     * both databases stream in index order, without sorting the whole file (and, on H2, without holding it in memory).
     * Only when values repeat do the checks that name the rows run, and then over the rows whose value repeats (and
     * the rows without a value, which the window functions below group together): whole partitions, so the window
     * functions see exactly what they would see over the whole file.
     */

    /** Whether any value of {@code column} (an indexed column of import_row) occurs on more than one row. */
    private boolean anyRepeated(ImportTarget target, String column) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM (SELECT r.%1$s FROM import_row r WHERE r.import_id = :id
                                       GROUP BY r.import_id, r.%1$s HAVING COUNT(*) > 1) x""".formatted(column))
                .param("id", target.importId()).query(Integer.class).single() > 0;
    }

    /** The rows whose {@code column} value repeats or is missing. */
    private static String repeatedRows(String column) {
        return """
                (r.%1$s IS NULL OR r.%1$s IN (SELECT r2.%1$s FROM import_row r2 WHERE r2.import_id = :id
                                               GROUP BY r2.import_id, r2.%1$s HAVING COUNT(*) > 1))""".formatted(column);
    }

    private void duplicates(ImportTarget target, String repeated, String key, String column, String value,
            String what) {
        jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT :id, d.row_number, :column, d.val, 'duplicate of row ' || CAST(d.first_row AS VARCHAR(12)) || ' (%s)'
                  FROM (SELECT r.row_number, %s AS val, MIN(r.row_number) OVER (PARTITION BY %s) AS first_row
                          FROM import_row r WHERE r.import_id = :id AND %s) d
                 WHERE d.row_number <> d.first_row""".formatted(what, value, key, repeatedRows(repeated)))
                .param("id", target.importId()).param("column", column).update();
    }

    private void inconsistent(ImportTarget target, String repeated, String mustMatch, String column, String value,
            String reason) {
        String key = "r." + repeated;
        jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT :id, d.row_number, :column, d.val, :reason || CAST(d.first_row AS VARCHAR(12))
                  FROM (SELECT r.row_number, %s AS val, %s AS this_one,
                               FIRST_VALUE(%s) OVER (PARTITION BY %s ORDER BY r.row_number) AS first_one,
                               MIN(r.row_number) OVER (PARTITION BY %s) AS first_row
                          FROM import_row r WHERE r.import_id = :id AND %s) d
                 WHERE d.this_one <> d.first_one""".formatted(value, mustMatch, mustMatch, key, key,
                repeatedRows(repeated)))
                .param("id", target.importId()).param("column", column).param("reason", reason).update();
    }

    private void learnerIdsOfSomeoneElse(ImportTarget target) {
        jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT r.import_id, r.row_number, 'external_learner_id', r.external_learner_id,
                       'this learner id already belongs to another email in this organisation'
                  FROM import_row r
                  JOIN learner_identity l ON l.org_id = :org AND l.external_learner_id = r.external_learner_id
                  JOIN user_account u ON u.id = l.user_id
                 WHERE r.import_id = :id AND u.email_norm <> r.email_norm""")
                .param("id", target.importId()).param("org", target.orgId()).update();
        jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT r.import_id, r.row_number, 'email', r.email,
                       'this email is already linked to another learner id in this organisation'
                  FROM import_row r
                  JOIN user_account u ON u.email_norm = r.email_norm
                  JOIN learner_identity l ON l.org_id = :org AND l.user_id = u.id
                 WHERE r.import_id = :id AND l.external_learner_id <> r.external_learner_id""")
                .param("id", target.importId()).param("org", target.orgId()).update();
    }

    /**
     * Rows whose learner id a pending invitation made one at a time gives to another email, or whose email it pairs
     * with another learner id (imported and accepted pairs are learner ids of accounts, checked above). Such
     * invitations are few, so both checks are left out when the organisation has none.
     */
    private void pairedOtherwiseByPendingInvitations(ImportTarget target) {
        String pendingSingle = """
                i.org_id = :org AND i.status = 'PENDING' AND i.import_id IS NULL AND i.kind = 'PROGRAMME'""";
        boolean anyPending = !jdbc.sql("SELECT 1 FROM invitation i WHERE " + pendingSingle + " FETCH FIRST 1 ROWS ONLY")
                .param("org", target.orgId()).query(Integer.class).list().isEmpty();
        if (!anyPending) {
            return;
        }
        errorWhereAPendingInvitation(target, pendingSingle, "external_learner_id", "r.external_learner_id",
                "i.external_learner_id = r.external_learner_id AND i.email_norm <> r.email_norm",
                "this learner id is in a pending invitation to another email in this organisation");
        errorWhereAPendingInvitation(target, pendingSingle, "email", "r.email",
                "i.email_norm = r.email_norm AND i.external_learner_id <> r.external_learner_id",
                "this email has a pending invitation with another learner id in this organisation");
    }

    private void errorWhereAPendingInvitation(ImportTarget target, String pendingSingle, String column, String value,
            String pairedOtherwise, String reason) {
        jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT r.import_id, r.row_number, :column, %s, :reason
                  FROM import_row r
                 WHERE r.import_id = :id AND EXISTS (SELECT 1 FROM invitation i WHERE %s AND %s)"""
                .formatted(value, pendingSingle, pairedOtherwise))
                .param("id", target.importId()).param("org", target.orgId()).param("column", column)
                .param("reason", reason).update();
    }

    /**
     * Marks rows that want something a learner already has (a pending invitation from another import, an enrolment,
     * a group membership) as UNCHANGED, so they take no seat. Run again just before a commit.
     */
    void refreshOutcomes(ImportTarget target) {
        String alreadyHas = target.isGroupImport() ? """
                EXISTS (SELECT 1 FROM group_member m JOIN user_account u ON u.id = m.user_id
                         WHERE m.group_id = :group AND u.email_norm = r.email_norm)
                OR EXISTS (SELECT 1 FROM invitation i
                            WHERE i.group_id = :group AND i.kind = 'GROUP' AND i.status = 'PENDING'
                              AND i.email_norm = r.email_norm AND (i.import_id IS NULL OR i.import_id <> r.import_id))"""
                : """
                EXISTS (SELECT 1 FROM invitation i
                         WHERE i.org_id = :org AND i.kind = 'PROGRAMME' AND i.status = 'PENDING' AND i.run_id = r.run_id
                           AND i.email_norm = r.email_norm AND (i.import_id IS NULL OR i.import_id <> r.import_id))
                OR EXISTS (SELECT 1 FROM enrolment e JOIN user_account u ON u.id = e.user_id
                            WHERE e.run_id = r.run_id AND e.status <> 'REMOVED' AND u.email_norm = r.email_norm)""";
        var statement = jdbc.sql("UPDATE import_row r SET outcome = 'UNCHANGED' WHERE r.import_id = :id AND r.outcome = 'NEW' AND ("
                + alreadyHas + ")").param("id", target.importId());
        statement = target.isGroupImport() ? statement.param("group", target.groupId())
                : statement.param("org", target.orgId());
        statement.update();
    }

    /** How many new seats each pool must give, one demand per pool (or per product without a pool). */
    List<Demand> seatDemand(ImportTarget target) {
        if (target.isGroupImport()) {
            int newRows = jdbc.sql("SELECT COUNT(*) FROM import_row r WHERE r.import_id = ? AND r.outcome = 'NEW' AND "
                    + withoutErrors(target).strip()).param(target.importId()).query(Integer.class).single();
            List<Demand> demands = jdbc.sql("""
                    SELECT p.id, pr.code, p.total - p.reserved - p.consumed AS free, p.valid_until
                      FROM seat_pool p JOIN product pr ON pr.id = p.product_id
                     WHERE p.group_id = :group AND %s ORDER BY p.id""".formatted(GROUP_POOLS_IN_USE))
                    .param("group", target.groupId()).param("now", java.time.OffsetDateTime.now(clock))
                    .query((rs, i) -> new Demand(rs.getLong(1), null, rs.getString(2) + " (group pool #" + rs.getLong(1)
                            + ")", newRows, rs.getInt(3), instant(rs.getObject(4, java.time.OffsetDateTime.class))))
                    .list();
            return demands.isEmpty() && newRows > 0
                    ? List.of(new Demand(null, null, "this group's modules", newRows, 0, null)) : demands;
        }
        // Count the staged rows per pool first, then join the handful of groups to their pools and runs.
        return jdbc.sql("""
                SELECT d.pool_id, d.product_id, d.code, d.needed, p.total - p.reserved - p.consumed AS free,
                       p.valid_until, pr.code AS run_code, p.run_id AS pool_run
                  FROM (SELECT r.pool_id, r.product_id, MIN(r.program_code) AS code, COUNT(*) AS needed
                          FROM import_row r
                         WHERE r.import_id = ? AND r.outcome = 'NEW' AND r.product_id IS NOT NULL AND r.run_id IS NOT NULL
                           AND %s
                         GROUP BY r.pool_id, r.product_id) d
                  LEFT JOIN seat_pool p ON p.id = d.pool_id
                  LEFT JOIN programme_run pr ON pr.id = p.run_id
                 ORDER BY d.product_id, d.pool_id""".formatted(withoutErrors(target)))
                .param(target.importId())
                .query((rs, i) -> {
                    Long poolId = (Long) rs.getObject(1, Long.class);
                    String label = rs.getString(3) + (rs.getString(7) == null ? "" : "/" + rs.getString(7))
                            + (poolId == null ? "" : " (pool #" + poolId + ")");
                    return new Demand(poolId, rs.getLong(2), label, rs.getInt(4), rs.getInt(5),
                            instant(rs.getObject(6, java.time.OffsetDateTime.class)));
                }).list();
    }

    /**
     * The condition that keeps only rows without errors. An import without any error (every import that is
     * committed) needs no anti-join against import_error at all.
     */
    private String withoutErrors(ImportTarget target) {
        boolean anyError = !jdbc.sql("SELECT 1 FROM import_error WHERE import_id = ? FETCH FIRST 1 ROWS ONLY")
                .param(target.importId()).query(Integer.class).list().isEmpty();
        return anyError ? NO_ERROR : ANY_ROW;
    }

    record Demand(Long poolId, Long productId, String label, int needed, int free, Instant validUntil) {
    }

    /** Asks the rules about every pool, records an error on each row the rules refuse a seat to; returns the verdicts. */
    List<PoolVerdict> checkSeats(ImportTarget target) {
        List<Demand> demands = seatDemand(target);
        Instant now = Instant.now(clock);
        List<PoolVerdict> verdicts = seatEligibility.decide(demands.stream()
                .map(d -> new PoolDemand(d.poolId(), d.label(), d.needed(), d.free(), d.validUntil(), now)).toList());
        for (int i = 0; i < demands.size(); i++) {
            PoolVerdict verdict = verdicts.get(i);
            if (verdict.refused()) {
                refuseRowsBeyond(target, demands.get(i), verdict);
            }
        }
        return verdicts;
    }

    private void refuseRowsBeyond(ImportTarget target, Demand demand, PoolVerdict verdict) {
        String column = target.isGroupImport() ? "user_email" : "program_run_code";
        String value = target.isGroupImport() ? "r.email" : "r.run_code";
        String poolMatch = target.isGroupImport() ? "1 = 1"
                : demand.poolId() == null ? "r.pool_id IS NULL AND r.product_id = :product" : "r.pool_id = :pool";
        var statement = jdbc.sql("""
                INSERT INTO import_error (import_id, row_number, column_name, cell_value, reason)
                SELECT :id, x.row_number, :column, x.val, :reason
                  FROM (SELECT r.row_number, %s AS val, ROW_NUMBER() OVER (ORDER BY r.row_number) AS seat_rank
                          FROM import_row r
                         WHERE r.import_id = :id AND r.outcome = 'NEW' AND %s AND %s) x
                 WHERE x.seat_rank > :granted""".formatted(value, poolMatch, withoutErrors(target)))
                .param("id", target.importId()).param("column", column).param("reason", verdict.reason())
                .param("granted", verdict.granted());
        if (poolMatch.contains(":product")) {
            statement = statement.param("product", demand.productId());
        } else if (poolMatch.contains(":pool")) {
            statement = statement.param("pool", demand.poolId());
        }
        statement.update();
    }

    static String describe(List<PoolVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return "no new seats needed";
        }
        return verdicts.stream().map(v -> v.label() + ": " + v.needed() + " needed, " + v.free() + " free"
                + (v.refused() ? " - " + v.reason() : "")).collect(Collectors.joining("\n"));
    }

    private static Instant instant(java.time.OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    List<String> previewRows(ImportTarget target, int limit) {
        List<String> lines = new ArrayList<>();
        // Ordered like the primary key, so that H2 too reads the first rows instead of sorting the whole import.
        jdbc.sql("""
                SELECT row_number, email, external_learner_id, program_code, run_code, first_name, last_name, outcome,
                       expiry_time
                  FROM import_row WHERE import_id = ? ORDER BY import_id, row_number FETCH FIRST %d ROWS ONLY"""
                .formatted(limit))
                .param(target.importId())
                .query(rs -> {
                    String who = rs.getString(2) + (rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")");
                    String what = target.isGroupImport() ? rs.getString(6) + " " + rs.getString(7)
                            : rs.getString(4) + "/" + rs.getString(5)
                                    + expiring(rs.getObject(9, java.time.OffsetDateTime.class));
                    lines.add("row " + rs.getInt(1) + ": " + who + " - " + what
                            + ("UNCHANGED".equals(rs.getString(8)) ? " (unchanged: already has it)" : ""));
                });
        return lines;
    }

    /** As the file wrote it, so that the reviewer sees the expiry the learners will get. */
    private static String expiring(java.time.OffsetDateTime expiry) {
        return expiry == null ? ""
                : ", expires " + RowValidator.UTC_DATE_TIME.format(expiry.withOffsetSameInstant(ZoneOffset.UTC))
                        + " UTC";
    }
}
