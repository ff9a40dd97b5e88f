package com.seatflow.chain;

import static com.seatflow.chain.ChainApi.code;
import static com.seatflow.chain.ChainApi.detail;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.LicensingManagement.LedgerEntry;
import com.seatflow.licensing.SeatPool;
import com.seatflow.licensing.SeatsUnavailableException;

/** Seats move from a chain head's pool to a member's (and back) with ledger entries on both sides, never overspent. */
@SeatflowIntegrationTest
class ChainTransferIntegrationTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    ChainManagement chains;

    ChainApi api;

    @BeforeEach
    void api() {
        api = new ChainApi(http);
    }

    private static String transfers(Org head, Org member) {
        return "/api/orgs/" + code(head) + "/chain/members/" + code(member) + "/transfers";
    }

    private SeatPool memberPoolOf(Org member, SeatPool headPool) {
        return licensing.poolsOf(member.org().id()).stream().filter(p -> p.productId() == headPool.productId())
                .findFirst().orElseThrow();
    }

    @Test
    void aTransferMovesSeatsIntoANewMemberPoolWithLedgerEntriesOnBothSides() {
        Org head = world.org(10, 5);
        Org member = world.org(3, 5);
        api.link(head, member);
        SeatPool headPool = head.programmePool();

        var response = api.post(head, transfers(head, member), Map.of("poolId", headPool.id(), "seats", 4));

        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        SeatPool memberPool = memberPoolOf(member, headPool);
        assertThat(response.getBody().get("to").get("id").asLong()).isEqualTo(memberPool.id());
        assertThat(world.pool(headPool.id()).total()).isEqualTo(6);
        assertThat(memberPool.total()).isEqualTo(4);
        assertThat(memberPool.orgId()).isEqualTo(member.org().id());
        assertThat(memberPool.groupId()).isNull();
        assertThat(memberPool.runId()).isEqualTo(headPool.runId());
        assertThat(memberPool.validUntil()).isEqualTo(headPool.validUntil());
        LedgerEntry out = last(licensing.ledger(headPool.id()));
        LedgerEntry in = last(licensing.ledger(memberPool.id()));
        assertThat(out.entryType()).isEqualTo("TRANSFER_OUT");
        assertThat(out.totalDelta()).isEqualTo(-4);
        assertThat(out.actor()).isEqualTo(head.adminUser());
        assertThat(out.reason()).isEqualTo("transfer to " + code(member) + " (pool " + memberPool.id() + ")");
        assertThat(in.entryType()).isEqualTo("TRANSFER_IN");
        assertThat(in.totalDelta()).isEqualTo(4);
        assertThat(in.sourceRef()).isEqualTo(out.sourceRef());
        assertThat(licensing.drift()).isEmpty();

        api.post(head, transfers(head, member), Map.of("poolId", headPool.id(), "seats", 1));
        assertThat(world.pool(memberPool.id()).total()).as("the same member pool is topped up").isEqualTo(5);
        assertThat(licensing.poolsOf(member.org().id())).hasSize(3);
    }

    @Test
    void aChainManagerCanTakeSeatsBackFromAMembersPool() {
        Org head = world.org(10, 5);
        Org member = world.org(3, 5);
        api.link(head, member);
        api.post(head, transfers(head, member), Map.of("poolId", head.programmePool().id(), "seats", 4));
        SeatPool memberPool = memberPoolOf(member, head.programmePool());

        var back = api.post(head, transfers(head, member), Map.of("poolId", memberPool.id(), "seats", 3));

        assertThat(back.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(back.getBody().get("to").get("id").asLong()).isEqualTo(head.programmePool().id());
        assertThat(world.pool(memberPool.id()).total()).isEqualTo(1);
        assertThat(world.pool(head.programmePool().id()).total()).isEqualTo(9);
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void aTransferOfMoreSeatsThanAreFreeIsRefusedAndChangesNothing() {
        Org head = world.org(5, 5);
        Org member = world.org(3, 5);
        api.link(head, member);
        licensing.reserve(head.programmePool().id(), 2, "test", "pending invitations", LedgerSource.system("test"));
        int ledgerBefore = licensing.ledger(head.programmePool().id()).size();

        var response = api.post(head, transfers(head, member), Map.of("poolId", head.programmePool().id(), "seats", 4));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(response)).contains("cannot transfer out 4 seat(s): 3 free of 5");
        assertThat(world.pool(head.programmePool().id()).total()).isEqualTo(5);
        assertThat(licensing.ledger(head.programmePool().id())).hasSize(ledgerBefore);
        assertThat(licensing.poolsOf(member.org().id())).hasSize(2);
    }

    @Test
    void seatsMoveOnlyWhileTheLinkIsActive() {
        Org head = world.org(10, 5);
        Org member = world.org(3, 5);
        Org stranger = world.org(3, 5);
        api.link(head, member);
        api.post(member, "/api/orgs/" + code(member) + "/chain/leave", null);

        var afterLeaving = api.post(head, transfers(head, member), Map.of("poolId", head.programmePool().id(),
                "seats", 1));
        var toStranger = api.post(head, transfers(head, stranger), Map.of("poolId", head.programmePool().id(),
                "seats", 1));

        assertThat(afterLeaving.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(detail(afterLeaving)).isEqualTo("Organisation " + code(member)
                + " is not an active member of the chain of " + code(head));
        assertThat(toStranger.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(world.pool(head.programmePool().id()).total()).isEqualTo(10);
    }

    @Test
    void badTransfersNameWhatIsWrong() {
        Org head = world.org(10, 5);
        Org member = world.org(3, 5);
        Org stranger = world.org(3, 5);
        api.link(head, member);

        var noSeats = api.post(head, transfers(head, member), Map.of("poolId", head.programmePool().id(), "seats", 0));
        var noPool = api.post(head, transfers(head, member), Map.of("seats", 1));
        var groupPool = api.post(head, transfers(head, member), Map.of("poolId", head.groupPool().id(), "seats", 1));
        var otherOrgsPool = api.post(head, transfers(head, member), Map.of("poolId", stranger.programmePool().id(),
                "seats", 1));

        assertThat(noSeats.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(noSeats)).isEqualTo("seats must be a positive number, was 0");
        assertThat(noPool.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(noPool)).isEqualTo("poolId is required: the seat pool the seats leave");
        assertThat(groupPool.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(groupPool)).contains("belongs to a group");
        assertThat(otherOrgsPool.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(detail(otherOrgsPool)).isEqualTo("Neither " + code(head) + " nor " + code(member)
                + " has a seat pool " + stranger.programmePool().id());
        assertThat(world.pool(head.programmePool().id()).total()).isEqualTo(10);
        assertThat(world.pool(stranger.programmePool().id()).total()).isEqualTo(3);
    }

    @Test
    void concurrentTransfersNeverOverspendTheHeadsPool() throws Exception {
        Org head = world.org(10, 5);
        Org member = world.org(3, 5);
        Org otherMember = world.org(3, 5);
        api.link(head, member);
        api.link(head, otherMember);
        int attempts = 6;
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Org target = i % 2 == 0 ? member : otherMember;
                results.add(threads.submit(() -> {
                    start.await();
                    try {
                        chains.transfer(code(head), code(target), head.programmePool().id(), 3, head.adminUser());
                        return true;
                    } catch (SeatsUnavailableException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                succeeded += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(succeeded).isEqualTo(3);
            assertThat(world.pool(head.programmePool().id()).total()).isEqualTo(1);
            int received = world.count("""
                    SELECT COALESCE(SUM(total), 0) FROM seat_pool
                     WHERE org_id IN (?, ?) AND product_id = ?""", member.org().id(), otherMember.org().id(),
                    head.programmePool().productId());
            assertThat(received).isEqualTo(9);
            assertThat(world.count("SELECT COUNT(*) FROM seat_ledger WHERE pool_id = ? AND entry_type = 'TRANSFER_OUT'",
                    head.programmePool().id())).isEqualTo(3);
            assertThat(licensing.drift()).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    private static LedgerEntry last(List<LedgerEntry> ledger) {
        return ledger.get(ledger.size() - 1);
    }
}
