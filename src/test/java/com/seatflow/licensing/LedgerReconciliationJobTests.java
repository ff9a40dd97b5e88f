package com.seatflow.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.scheduling.JobSchedules;

/** The real ledgerReconciliation job on the real database, clean and with a corrupted counter. */
@SeatflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LedgerReconciliationJobTests {

    @Autowired
    World world;
    @Autowired
    LedgerReconciliations reconciliations;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JobSchedules schedules;

    private int driftMails(long poolId) {
        return world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'LEDGER_DRIFT' "
                + "AND recipient = 'support@seatflow.example' AND body LIKE ?", "%pool #" + poolId + ":%");
    }

    @Test
    void aCleanPoolShowsNoDriftThenACounterChangedBehindTheLedgersBackIsReportedLoggedAndMailed(
            CapturedOutput output) {
        Org org = world.org(5, 5);
        long poolId = org.programmePool().id();
        licensing.reserve(poolId, 2, "test", "invitations", LedgerSource.system("test"));
        int driftMailsBefore = world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'LEDGER_DRIFT'");

        ReconciliationReport clean = reconciliations.run("test");

        assertThat(clean.drifted()).isZero();
        assertThat(clean.balanced()).isTrue();
        assertThat(clean.drifts()).isEmpty();
        assertThat(clean.poolsChecked()).isGreaterThanOrEqualTo(2);
        assertThat(clean.startedBy()).isEqualTo("test");
        assertThat(world.count("SELECT COUNT(*) FROM reconciliation_report WHERE id = ? AND drifted = 0", clean.id()))
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT i.job_name FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE e.job_execution_id = ? AND e.status = 'COMPLETED'""").param(clean.jobExecutionId())
                .query(String.class).single()).isEqualTo("ledgerReconciliation");
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'LEDGER_DRIFT'"))
                .isEqualTo(driftMailsBefore);

        jdbc.sql("UPDATE seat_pool SET reserved = reserved + 2 WHERE id = ?").param(poolId).update();
        try {
            var response = Api.support(http).post("/api/support/jobs/ledger-reconciliation", null);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode report = response.getBody();
            assertThat(report.get("drifted").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(report.get("startedBy").asText()).isEqualTo(Api.SUPPORT);
            JsonNode drift = SeatPurchaseIntegrationTests.find(report.get("drifts"), "poolId", Long.toString(poolId));
            assertThat(drift.get("reserved").asInt()).isEqualTo(4);
            assertThat(drift.get("ledgerReserved").asInt()).isEqualTo(2);
            assertThat(report.get("details").asText()).contains("pool #" + poolId + ": total 5 (ledger 5), reserved 4 "
                    + "(ledger 2)");
            assertThat(world.count("SELECT COUNT(*) FROM reconciliation_drift WHERE report_id = ? AND pool_id = ?",
                    report.get("id").asLong(), poolId)).isEqualTo(1);
            assertThat(driftMails(poolId)).isEqualTo(1);
            assertThat(output.getAll()).containsPattern("WARN .*Ledger reconciliation #" + report.get("id").asLong()
                    + ": pool #" + poolId + ":");
            JsonNode latest = Api.support(http).get("/api/support/jobs/ledger-reconciliation?limit=1").getBody();
            assertThat(latest.at("/0/id").asLong()).isEqualTo(report.get("id").asLong());
        } finally {
            jdbc.sql("UPDATE seat_pool SET reserved = reserved - 2 WHERE id = ?").param(poolId).update();
        }
        assertThat(licensing.drift()).noneMatch(d -> d.poolId() == poolId);
    }

    /** Drift is any counter the ledger does not explain: total and consumed as much as reserved. */
    @Test
    void aTotalOrConsumedCounterChangedBehindTheLedgersBackIsDriftToo() {
        long poolId = world.org(5, 5).programmePool().id();

        assertThat(driftAfterChanging(poolId, "total = total + 3")).singleElement().satisfies(d -> {
            assertThat(d.total()).isEqualTo(8);
            assertThat(d.ledgerTotal()).isEqualTo(5);
        });
        assertThat(driftAfterChanging(poolId, "consumed = consumed + 1")).singleElement().satisfies(d -> {
            assertThat(d.consumed()).isEqualTo(1);
            assertThat(d.ledgerConsumed()).isZero();
            assertThat(d.total()).isEqualTo(d.ledgerTotal());
            assertThat(d.reserved()).isEqualTo(d.ledgerReserved());
        });
        assertThat(licensing.drift()).noneMatch(d -> d.poolId() == poolId);
    }

    /** The drift of this pool while {@code change} is applied to its counters, which are put back afterwards. */
    private List<PoolDrift> driftAfterChanging(long poolId, String change) {
        String undo = change.replace('+', '-');
        jdbc.sql("UPDATE seat_pool SET " + change + " WHERE id = ?").param(poolId).update();
        try {
            return licensing.drift().stream().filter(d -> d.poolId() == poolId).toList();
        } finally {
            jdbc.sql("UPDATE seat_pool SET " + undo + " WHERE id = ?").param(poolId).update();
        }
    }

    @Test
    void theJobIsScheduledEveryNightAtTwoUtcByDefault() {
        assertThat(schedules.status().schedules()).filteredOn(s -> s.job().equals(LedgerReconciliationJobConfiguration.JOB))
                .singleElement().satisfies(s -> {
                    assertThat(s.cron()).isEqualTo("0 0 2 * * *");
                    assertThat(s.zone()).isEqualTo("UTC");
                    assertThat(s.enabled()).isTrue();
                });
    }
}
