package com.seatflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/**
 * The rows an import creates stay linked: a seat, a mail or a learner id never names an invitation or account that
 * does not exist, and a referenced invitation or account cannot be deleted. On H2 foreign keys hold this; on
 * PostgreSQL the statement-level checks of migration V22, which replace the per-row foreign keys for speed.
 * Every attempt runs in a transaction that is rolled back, so a regression cannot damage the shared database.
 */
@SeatflowIntegrationTest
class ImportedLinksIntegrityIntegrationTests {

    private static final long MISSING = Long.MAX_VALUE - 7;

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private long invitationId;
    private long userId;
    private long poolId;
    private long orgId;

    @BeforeEach
    void importOneLearner() {
        Org org = world.org(5, 5);
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme",
                BulkImportIntegrationTests.programmeCsv(org, 1)), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        invitationId = jdbc.sql("SELECT id FROM invitation WHERE import_id = ?").param(job.id()).query(Long.class).single();
        userId = jdbc.sql("SELECT user_id FROM invitation WHERE id = ?").param(invitationId).query(Long.class).single();
        poolId = org.programmePool().id();
        orgId = org.org().id();
    }

    @Test
    void aSeatOrMailForAMissingInvitationIsRefused() {
        assertRefused("INSERT INTO invitation_seat (invitation_id, pool_id) VALUES (?, ?)", MISSING, poolId);
        assertRefused("""
                INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at)
                VALUES ('PROGRAMME_INVITATION', 'nobody@example.org', ?, 'PENDING', CURRENT_TIMESTAMP)""", MISSING);
        assertRefused("UPDATE outbox_mail SET invitation_id = ? WHERE invitation_id = ?", MISSING, invitationId);
    }

    @Test
    void aLearnerIdOrInvitationForAMissingAccountIsRefused() {
        assertRefused("INSERT INTO learner_identity (org_id, external_learner_id, user_id) VALUES (?, 'ghost', ?)",
                orgId, MISSING);
        assertRefused("UPDATE invitation SET user_id = ? WHERE id = ?", MISSING, invitationId);
        assertRefused("UPDATE learner_identity SET user_id = ? WHERE user_id = ?", MISSING, userId);
    }

    @Test
    void aReferencedInvitationOrAccountCannotBeDeleted() {
        assertRefused("DELETE FROM invitation WHERE id = ?", invitationId);
        assertRefused("DELETE FROM user_account WHERE id = ?", userId);
        assertThat(world.count("SELECT COUNT(*) FROM invitation_seat WHERE invitation_id = ?", invitationId)).isOne();
    }

    @Test
    void linksToRowsThatExistAreAccepted() {
        int changed = transactions.execute(status -> {
            status.setRollbackOnly();
            return jdbc.sql("UPDATE invitation SET user_id = ? WHERE id = ?").params(userId, invitationId).update()
                    + jdbc.sql("""
                            INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at)
                            VALUES ('PROGRAMME_INVITATION', 'again@example.org', ?, 'PENDING', CURRENT_TIMESTAMP)""")
                            .params(invitationId).update();
        });
        assertThat(changed).isEqualTo(2);
    }

    private void assertRefused(String sql, Object... params) {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql(sql).params(params).update();
        })).as(sql).isInstanceOf(DataIntegrityViolationException.class);
    }
}
