package com.seatflow.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

@SeatflowIntegrationTest
class SeatPoolConcurrencyIntegrationTests {

    static final int CALLERS = 60;
    static final int THREADS = 16;

    @Autowired
    World world;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void sixtyConcurrentReservationsOfOneSeatTakeExactlyTheTenFreeSeats() throws Exception {
        Org org = world.org(10, 5);
        long poolId = org.programmePool().id();
        var start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        List<Future<Throwable>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS; i++) {
                String caller = "caller-" + i;
                outcomes.add(callers.submit(() -> {
                    start.await();
                    try {
                        licensing.reserve(poolId, 1, caller, "concurrency test", LedgerSource.api(caller));
                        return null;
                    } catch (Throwable refused) {
                        return refused;
                    }
                }));
            }
            start.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> outcome : outcomes) {
                Throwable failure = outcome.get(60, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }

            assertThat(CALLERS - failures.size()).as("successful reservations").isEqualTo(10);
            assertThat(failures).hasSize(CALLERS - 10).allSatisfy(failure -> assertThat(failure)
                    .isInstanceOf(SeatsUnavailableException.class).hasMessageContaining(org.programmePool().label())
                    .hasMessageContaining("0 free of 10"));
        } finally {
            callers.shutdownNow();
        }

        SeatPool pool = licensing.pool(poolId);
        assertThat(pool.total()).isEqualTo(10);
        assertThat(pool.reserved()).isEqualTo(10);
        assertThat(pool.free()).isZero();
        assertThat(licensing.ledger(poolId)).extracting(LicensingManagement.LedgerEntry::entryType)
                .containsOnly("PURCHASE", "RESERVE").filteredOn("RESERVE"::equals).hasSize(10);
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void releasingMoreSeatsThanAreReservedIsRefusedAndChangesNothing() {
        Org org = world.org(10, 5);
        long poolId = org.programmePool().id();
        licensing.reserve(poolId, 2, "test", "two learners", LedgerSource.api("t"));

        assertThatThrownBy(() -> licensing.release(poolId, 3, "test", "one too many", LedgerSource.api("t")))
                .isInstanceOf(SeatsUnavailableException.class);

        assertThat(licensing.pool(poolId).reserved()).isEqualTo(2);
        assertThat(licensing.ledger(poolId)).hasSize(2);
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void theDatabaseItselfRefusesAnOverspentPool() {
        Org org = world.org(10, 5);
        long poolId = org.programmePool().id();

        assertThatThrownBy(() -> jdbc.sql("UPDATE seat_pool SET reserved = total + 1 WHERE id = ?").param(poolId)
                .update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE seat_pool SET consumed = -1 WHERE id = ?").param(poolId).update())
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(licensing.pool(poolId).reserved()).isZero();
    }

    @Test
    void anExpiredPoolCanBeBoughtButRefusesReservationsNamingTheExpiry() {
        Org org = world.org(10, 5);
        Instant expiredAt = Instant.now(clock).minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        SeatPool expired = licensing.purchase(org.org().id(), null, org.programmePool().productId(), null, 5,
                expiredAt, "test", "ORDER-LATE");

        assertThat(expired.total()).isEqualTo(5);
        assertThat(expired.validUntil()).isEqualTo(expiredAt);
        assertThatThrownBy(() -> licensing.reserve(expired.id(), 1, "test", "too late", LedgerSource.api("t")))
                .isInstanceOf(SeatsUnavailableException.class)
                .hasMessageContaining(expired.label())
                .hasMessageContaining("5 free of 5")
                .hasMessageContaining("pool expired " + expiredAt);
        assertThat(licensing.pool(expired.id()).reserved()).isZero();
        assertThat(licensing.ledger(expired.id())).extracting(LicensingManagement.LedgerEntry::entryType)
                .containsExactly("PURCHASE");
    }

    @Test
    void anExpiredPoolStillTakesBackReleasedSeats() {
        Org org = world.org(10, 5);
        long poolId = org.programmePool().id();
        licensing.reserve(poolId, 3, "test", "three learners", LedgerSource.api("t"));
        jdbc.sql("UPDATE seat_pool SET valid_until = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now(clock).minusMinutes(1), poolId).update();

        licensing.release(poolId, 3, "test", "invitations expired", LedgerSource.system("expiry"));

        assertThat(licensing.pool(poolId).reserved()).isZero();
        assertThat(licensing.drift()).isEmpty();
    }
}
