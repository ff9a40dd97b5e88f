package com.seatflow.imports;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.rules.InvitationPolicy;

/**
 * Applies one range of staged rows with one INSERT ... SELECT per table, in two passes over the import: first
 * accounts with their learner ids or group memberships, then invitations, the seats they hold and one outbox mail
 * each; the second pass then drops the range's staged rows. Rows marked UNCHANGED are skipped. Every statement only
 * adds what is not there yet, and invitations are unique per import row, so nothing is ever applied twice.
 */
@Component
class CommitStatements {

    private static final String RANGE = "r.import_id = :id AND r.row_number BETWEEN :from AND :to AND r.outcome = 'NEW'";
    /**
     * The account of a staged row's email. A scalar subquery is one probe of the unique email_norm index per row of
     * the range, a plan the optimiser cannot swap for a hash join or hash anti-join that reads the whole (and, during
     * a large commit, fast-growing) user_account table for every range.
     */
    private static final String USER_ID = "(SELECT u.id FROM user_account u WHERE u.email_norm = r.email_norm)";

    private final JdbcClient jdbc;
    private final InvitationPolicy invitationPolicy;
    private final Clock clock;

    CommitStatements(JdbcClient jdbc, InvitationPolicy invitationPolicy, Clock clock) {
        this.jdbc = jdbc;
        this.invitationPolicy = invitationPolicy;
        this.clock = clock;
    }

    /**
     * Creates the accounts a range needs, with their learner ids (programme files) or group memberships (group files).
     * Parts of an import run side by side, so an email or learner id that repeats in the file is created only by the
     * part holding its first new row; every other row of it reaches the account in {@link #applyInvitations}, which
     * runs once all accounts are in.
     */
    void applyAccounts(ImportTarget target, RowRange range) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (target.isGroupImport()) {
            run(target, range, now, """
                    INSERT INTO user_account (email, email_norm, first_name, last_name, password_hash, created_at)
                    SELECT MIN(r.email), r.email_norm, MIN(r.first_name), MIN(r.last_name), MIN(r.password_hash), :now
                      FROM import_row r
                     WHERE %s AND %s IS NULL
                     GROUP BY r.email_norm""".formatted(RANGE, USER_ID), null);
            run(target, range, now, """
                    INSERT INTO group_member (group_id, user_id, added_at)
                    SELECT :group, x.user_id, :now FROM (SELECT %s AS user_id FROM import_row r WHERE %s) x
                     WHERE NOT EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = :group AND m.user_id = x.user_id)"""
                    .formatted(USER_ID, RANGE), null);
            return;
        }
        run(target, range, now, """
                INSERT INTO user_account (email, email_norm, created_at)
                SELECT MIN(r.email), r.email_norm, :now FROM import_row r
                 WHERE %s AND %s IS NULL AND %s
                 GROUP BY r.email_norm""".formatted(RANGE, USER_ID, firstNewRowOf(target, "email_norm")), null);
        run(target, range, now, """
                INSERT INTO learner_identity (org_id, external_learner_id, user_id)
                SELECT DISTINCT :org, r.external_learner_id, %s
                  FROM import_row r
                 WHERE %s AND %s AND (SELECT l.user_id FROM learner_identity l
                                       WHERE l.org_id = :org AND l.external_learner_id = r.external_learner_id) IS NULL"""
                .formatted(USER_ID, RANGE, firstNewRowOf(target, "external_learner_id")), null);
    }

    /**
     * No earlier part of the file has a new row with the same value in this column. A scalar subquery, for the reason
     * given at {@link #USER_ID}: an anti join would be planned as a hash over all earlier rows of the import. When no
     * email or learner id repeats in the file, every row is its value's first, and the probe is left out.
     */
    private static String firstNewRowOf(ImportTarget target, String column) {
        if (!target.valuesRepeat()) {
            return "1 = 1";
        }
        return """
                (SELECT MIN(f.row_number) FROM import_row f
                  WHERE f.import_id = r.import_id AND f.%1$s = r.%1$s AND f.outcome = 'NEW') >= :from"""
                .formatted(column);
    }

    /**
     * Creates a range's invitations, the seats they hold and one outbox mail each, then drops the range's staged rows:
     * nothing reads them once this pass has applied them, and a few thousand at a time they go cheaply, where one
     * delete of a whole large import at the end holds every row in a single transaction.
     */
    void applyInvitations(ImportTarget target, RowRange range) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (target.isGroupImport()) {
            applyGroupInvitations(target, range, now);
        } else {
            applyProgrammeInvitations(target, range, now);
        }
        run(target, range, now, """
                INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at, bulk)
                SELECT :template, i.email, i.id, 'PENDING', :now, TRUE
                  FROM invitation i WHERE i.import_id = :id AND i.row_number BETWEEN :from AND :to""",
                target.isGroupImport() ? "GROUP_INVITATION" : "PROGRAMME_INVITATION");
        run(target, range, now, "DELETE FROM import_row WHERE import_id = :id AND row_number BETWEEN :from AND :to", null);
    }

    private void applyProgrammeInvitations(ImportTarget target, RowRange range, OffsetDateTime now) {
        run(target, range, now, """
                INSERT INTO invitation (kind, org_id, product_id, run_id, email, email_norm, user_id, external_learner_id,
                                        status, expires_at, created_at, import_id, row_number)
                SELECT 'PROGRAMME', :org, r.product_id, r.run_id, r.email, r.email_norm, %s, r.external_learner_id,
                       'PENDING', r.expiry_time, :now, r.import_id, r.row_number
                  FROM import_row r
                 WHERE %s""".formatted(USER_ID, RANGE), null);
        run(target, range, now, """
                INSERT INTO invitation_seat (invitation_id, pool_id)
                SELECT i.id, r.pool_id FROM invitation i
                  JOIN import_row r ON r.import_id = i.import_id AND r.row_number = i.row_number
                 WHERE i.import_id = :id AND i.row_number BETWEEN :from AND :to""", null);
    }

    private void applyGroupInvitations(ImportTarget target, RowRange range, OffsetDateTime now) {
        OffsetDateTime expires = now.plus(invitationPolicy.validityOf("GROUP", false));
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, group_id, email, email_norm, user_id, status, expires_at, created_at,
                                        import_id, row_number)
                SELECT 'GROUP', :org, :group, r.email, r.email_norm, %s, 'PENDING', :expires, :now, r.import_id,
                       r.row_number
                  FROM import_row r
                 WHERE %s""".formatted(USER_ID, RANGE))
                .param("org", target.orgId()).param("group", target.groupId()).param("expires", expires)
                .param("now", now).param("id", target.importId()).param("from", range.from()).param("to", range.to())
                .update();
        run(target, range, now, """
                INSERT INTO invitation_seat (invitation_id, pool_id)
                SELECT i.id, p.id FROM invitation i JOIN seat_pool p ON p.group_id = :group
                 WHERE i.import_id = :id AND i.row_number BETWEEN :from AND :to
                   AND """ + StagedRowChecks.GROUP_POOLS_IN_USE, null);
    }

    private void run(ImportTarget target, RowRange range, OffsetDateTime now, String sql, String template) {
        var statement = jdbc.sql(sql).param("id", target.importId()).param("from", range.from())
                .param("to", range.to());
        if (sql.contains(":now")) {
            statement = statement.param("now", now);
        }
        if (sql.contains(":org")) {
            statement = statement.param("org", target.orgId());
        }
        if (sql.contains(":group")) {
            statement = statement.param("group", target.groupId());
        }
        if (template != null) {
            statement = statement.param("template", template);
        }
        statement.update();
    }
}
