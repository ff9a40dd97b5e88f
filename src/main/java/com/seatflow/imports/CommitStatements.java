package com.seatflow.imports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.invitation.GroupAddedMail;
import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.platform.LearningPlatform;
import com.seatflow.rules.InvitationPolicy;

/**
 * Applies one range of staged rows with one INSERT ... SELECT per table, in two passes over the import: first
 * accounts with their learner ids or group memberships, then invitations, the seats they hold and one outbox mail
 * each; the second pass then drops the range's staged rows. Rows marked UNCHANGED are skipped. Every statement only
 * adds what is not there yet, and invitations are unique per import row, so nothing is ever applied twice.
 * <p>
 * A group file puts a learner whose account has a password (one they had, or the file's {@code user_pass}) into the
 * group at once, as an email invitation does (seed 003: every way in gives the same result): their invitation is
 * recorded as accepted, the seats reserved for it are consumed, they are enrolled, and they get a mail saying so
 * instead of a link. The others get a link to set their password and join.
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
    private final JdbcTemplate batch;
    private final InvitationPolicy invitationPolicy;
    private final LicensingManagement licensing;
    private final LearningPlatform platform;
    private final Clock clock;

    CommitStatements(JdbcClient jdbc, JdbcTemplate batch, InvitationPolicy invitationPolicy,
            LicensingManagement licensing, LearningPlatform platform, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.invitationPolicy = invitationPolicy;
        this.licensing = licensing;
        this.platform = platform;
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
            addAtOnceWhoHaveAPassword(target, range, now);
        } else {
            applyProgrammeInvitations(target, range, now);
        }
        run(target, range, now, """
                INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at, bulk)
                SELECT :template, i.email, i.id, 'PENDING', :now, TRUE
                  FROM invitation i WHERE i.import_id = :id AND i.row_number BETWEEN :from AND :to
                   AND i.status = 'PENDING'""",
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

    private record PoolSeats(long poolId, int seats) {
    }

    private record AddedLearner(String email, String firstName, boolean passwordFromFile) {
    }

    /** The range's invitations whose account has a password are accepted at once, as the class comment says. */
    private void addAtOnceWhoHaveAPassword(ImportTarget target, RowRange range, OffsetDateTime now) {
        String accepted = "i.import_id = :id AND i.row_number BETWEEN :from AND :to AND i.status = 'ACCEPTED'";
        int added = run(target, range, now, """
                UPDATE invitation SET status = 'ACCEPTED'
                 WHERE import_id = :id AND row_number BETWEEN :from AND :to AND status = 'PENDING'
                   AND EXISTS (SELECT 1 FROM user_account u
                                WHERE u.id = invitation.user_id AND u.password_hash IS NOT NULL)""", null);
        if (added == 0) {
            return;
        }
        List<PoolSeats> seats = bound(target, range, now, """
                SELECT s.pool_id, COUNT(*) AS seats FROM invitation i JOIN invitation_seat s ON s.invitation_id = i.id
                 WHERE %s GROUP BY s.pool_id ORDER BY s.pool_id""".formatted(accepted), null)
                .query(PoolSeats.class).list();
        for (PoolSeats pool : seats) {
            licensing.apply(pool.poolId(), LedgerEntryType.CONSUME, 0, -pool.seats(), pool.seats(),
                    "import #" + target.importId(), pool.seats() + " learner(s) of rows " + range.from() + "-"
                            + range.to() + " with a password added to the group at once",
                    LedgerSource.importJob(target.importId()));
        }
        run(target, range, now, """
                INSERT INTO enrolment (user_id, product_id, run_id, pool_id, status, progress, started_at)
                SELECT i.user_id, p.product_id, p.run_id, p.id, 'ACTIVE', 0, :now
                  FROM invitation i JOIN invitation_seat s ON s.invitation_id = i.id JOIN seat_pool p ON p.id = s.pool_id
                 WHERE %s""".formatted(accepted), null);
        var names = jdbc.sql("""
                SELECT o.name AS org_name, g.name AS group_name FROM learner_group g JOIN organisation o ON o.id = g.org_id
                 WHERE g.id = ?""").param(target.groupId()).query().singleRow();
        String orgName = (String) names.get("org_name");
        String groupName = (String) names.get("group_name");
        List<AddedLearner> learners = bound(target, range, now, """
                SELECT i.email, COALESCE(u.first_name, r.first_name) AS first_name,
                       CASE WHEN u.password_hash = r.password_hash THEN TRUE ELSE FALSE END AS password_from_file
                  FROM invitation i JOIN user_account u ON u.id = i.user_id
                  JOIN import_row r ON r.import_id = i.import_id AND r.row_number = i.row_number
                 WHERE %s ORDER BY i.row_number""".formatted(accepted), null)
                .query(AddedLearner.class).list();
        batch.batchUpdate("""
                INSERT INTO outbox_mail (template, recipient, subject, body, status, created_at, bulk)
                VALUES ('GROUP_ADDED', ?, ?, ?, 'PENDING', ?, TRUE)""", learners, Math.max(1, learners.size()),
                (ps, learner) -> {
                    ps.setString(1, learner.email());
                    ps.setString(2, GroupAddedMail.subject(orgName, groupName));
                    ps.setString(3, GroupAddedMail.body(learner.firstName(), orgName, groupName, platform.named(),
                            learner.passwordFromFile()));
                    ps.setObject(4, now);
                });
    }

    private int run(ImportTarget target, RowRange range, OffsetDateTime now, String sql, String template) {
        return bound(target, range, now, sql, template).update();
    }

    /** {@code sql} with the range's parameters bound, and those of the others it names. */
    private JdbcClient.StatementSpec bound(ImportTarget target, RowRange range, OffsetDateTime now, String sql,
            String template) {
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
        return statement;
    }
}
