package com.seatflow.licensing;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/** Pool alerts: checked after every committed change and daily, mailed once per pool and kind to every org admin. */
@SeatflowIntegrationTest
class PoolAlertIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    World world;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    PoolAlertChecks checks;
    @Autowired
    Identities identities;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportManagement imports;

    private int mails(Org org, String template, long poolId) {
        return world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = ? AND recipient = ? AND body LIKE ?",
                template, org.adminUser() + "@example.org", "%pool #" + poolId + "%");
    }

    private void reserve(long poolId, int seats) {
        licensing.reserve(poolId, seats, "test", "invitations", LedgerSource.system("test"));
    }

    @Test
    void theSeventyFiveAndHundredPercentAlertsAreMailedOnceEach() {
        Org org = world.org(4, 5);
        long pool = org.programmePool().id();

        reserve(pool, 3);
        await().atMost(WAIT).until(() -> mails(org, "POOL_USAGE_75", pool) == 1);
        reserve(pool, 1);
        await().atMost(WAIT).until(() -> mails(org, "POOL_USAGE_100", pool) == 1);
        licensing.release(pool, 1, "test", "declined", LedgerSource.system("test"));
        reserve(pool, 1);
        checks.checkAll();
        checks.checkAll();

        assertThat(mails(org, "POOL_USAGE_75", pool)).isEqualTo(1);
        assertThat(mails(org, "POOL_USAGE_100", pool)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM pool_alert WHERE pool_id = ?", pool)).isEqualTo(2);
        String body = jdbc.sql("SELECT body FROM outbox_mail WHERE template = 'POOL_USAGE_75' AND body LIKE ?")
                .param("%pool #" + pool + "%").query(String.class).single();
        assertThat(body).contains("3 of 4 seats are used").contains(org.org().name())
                .contains("/api/orgs/" + org.org().code() + "/pools/" + pool + "/seats");
    }

    @Test
    void anImportThatReservesThreeQuartersOfAPoolAlertsOnce() {
        Org org = world.org(4, 5);
        long pool = org.programmePool().id();
        StringBuilder csv = new StringBuilder("external_learner_id,email,program_code,program_run_code,expiry_time\n");
        for (int i = 1; i <= 3; i++) {
            csv.append("L").append(i).append(',').append(World.unique("learner")).append("@example.org,")
                    .append(org.programmeCode()).append(',').append(org.run1()).append("," + BULK_EXPIRY + "\n");
        }
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv.toString()),
                ImportStatus.AWAITING_REVIEW);

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);

        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        await().atMost(WAIT).until(() -> mails(org, "POOL_USAGE_75", pool) == 1);
        checks.checkAll();
        assertThat(mails(org, "POOL_USAGE_75", pool)).isEqualTo(1);
        assertThat(licensing.pool(pool).reserved()).isEqualTo(3);
    }

    @Test
    void aPoolThatFillsAtOnceGetsOnlyTheHundredPercentAlert() {
        Org org = world.org(2, 5);
        long pool = org.programmePool().id();

        reserve(pool, 2);
        await().atMost(WAIT).until(() -> mails(org, "POOL_USAGE_100", pool) == 1);
        checks.checkAll();

        assertThat(mails(org, "POOL_USAGE_75", pool)).isZero();
    }

    @Test
    void everyAdminOfTheOrganisationIsMailed() {
        Org org = world.org(4, 5);
        String second = World.unique("second-admin");
        identities.createUser(second, "Second", "Admin", second + "@example.org", "second-password");
        identities.addToGroup(second, OrgRoles.adminGroup(org.org().code()), "Admins");
        long pool = org.programmePool().id();

        reserve(pool, 4);

        await().atMost(WAIT).until(() -> world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = "
                + "'POOL_USAGE_100' AND body LIKE ?", "%pool #" + pool + "%") == 2);
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'POOL_USAGE_100' AND recipient = ?",
                second + "@example.org")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT recipients FROM pool_alert WHERE pool_id = ?").param(pool).query(Integer.class)
                .single()).isEqualTo(2);
    }

    @Test
    void aPoolBoughtToEndWithinThirtyDaysAlertsItsAdminsOnce() {
        Org org = world.org(4, 5);
        var module = licensing.createProduct(World.unique("MOD-"), "Short module", "MODULE");

        SeatPool pool = licensing.purchase(org.org().id(), null, module.id(), null, 10,
                Instant.now().plus(Duration.ofDays(10)), "test", "SHORT-" + org.org().code());

        await().atMost(WAIT).until(() -> mails(org, "POOL_ENDING_SOON", pool.id()) == 1);
        checks.checkAll();
        assertThat(mails(org, "POOL_ENDING_SOON", pool.id())).isEqualTo(1);
    }

    @Test
    void theDailyCheckFindsAPoolWhoseEndCameNearWithoutAnyChange() {
        Org org = world.org(4, 5);
        long pool = org.programmePool().id();
        checks.checkAll();
        assertThat(mails(org, "POOL_ENDING_SOON", pool)).isZero();
        jdbc.sql("UPDATE seat_pool SET valid_until = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusDays(20), pool).update();

        checks.checkAll();
        checks.checkAll();

        assertThat(mails(org, "POOL_ENDING_SOON", pool)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT body FROM outbox_mail WHERE template = 'POOL_ENDING_SOON' AND body LIKE ?")
                .param("%pool #" + pool + "%").query(String.class).single()).contains("ends in 19 day(s)");
    }
}
