package com.seatflow.licensing;

import static com.seatflow.licensing.SeatPurchaseIntegrationTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.invitation.GroupInvitations;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrganisationManagement;

@SeatflowIntegrationTest
class SeatAllocationIntegrationTests {

    @Autowired
    World world;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    SeatAllocations allocations;
    @Autowired
    OrganisationManagement organisations;
    @Autowired
    TestRestTemplate http;
    @Autowired
    GroupInvitations groupInvitations;
    @Autowired
    LearnerAccounts accounts;

    private static String allocations(Org org, long poolId) {
        return "/api/orgs/" + org.org().code() + "/pools/" + poolId + "/allocations";
    }

    private void assertBooksBalance(long... poolIds) {
        List<Long> ids = java.util.Arrays.stream(poolIds).boxed().toList();
        assertThat(licensing.drift()).noneMatch(d -> ids.contains(d.poolId()));
    }

    @Test
    void allocatingMovesSeatsIntoTheGroupsPoolWithAnEntryOnEachSide() {
        Org org = world.org(10, 5);
        LearnerGroup sales = organisations.createGroup(org.org().id(), "sales", "Sales");
        long orgPool = org.programmePool().id();

        ResponseEntity<JsonNode> first = Api.as(http, org).post(allocations(org, orgPool),
                Map.of("groupCode", "sales", "seats", 3));
        ResponseEntity<JsonNode> second = Api.as(http, org).post(allocations(org, orgPool),
                Map.of("groupCode", "sales", "seats", 2));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long groupPool = first.getBody().at("/to/id").asLong();
        assertThat(second.getBody().at("/to/id").asLong()).as("the group's pool is reused").isEqualTo(groupPool);
        SeatPool to = licensing.pool(groupPool);
        assertThat(to.groupId()).isEqualTo(sales.id());
        assertThat(to.productId()).isEqualTo(org.programmePool().productId());
        assertThat(to.total()).isEqualTo(5);
        assertThat(to.validUntil()).isEqualTo(org.programmePool().validUntil());
        assertThat(licensing.pool(orgPool).total()).isEqualTo(5);
        assertThat(licensing.ledger(orgPool)).extracting(LicensingManagement.LedgerEntry::entryType,
                LicensingManagement.LedgerEntry::totalDelta).endsWith(
                        tuple("ALLOCATE", -3),
                        tuple("ALLOCATE", -2));
        assertThat(licensing.ledger(groupPool)).extracting(LicensingManagement.LedgerEntry::totalDelta)
                .containsExactly(3, 2);
        assertThat(licensing.ledger(groupPool)).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(org.adminUser());
            assertThat(e.reason()).contains("pool #" + orgPool);
        });
        assertBooksBalance(orgPool, groupPool);
    }

    /** Allocating a product new to the group is "Add modules": its members get the module too, or nothing moves. */
    @Test
    void theFirstAllocationOfAProductEnrolsTheGroupsMembersOnItOrIsRefusedWithTooFewSeats() {
        Org org = world.org(10, 5);
        long orgPool = org.programmePool().id();
        for (String name : List.of("ann", "bob")) {
            String email = World.unique(name) + "@example.org";
            accounts.findOrCreate(email, name, "Member", accounts.hashPassword(name + "-password"));
            assertThat(groupInvitations.invite(org.org().code(), "team", email, name, "Member", org.adminUser())
                    .outcome()).isEqualTo("ADDED");
        }

        var tooFew = Api.as(http, org).post(allocations(org, orgPool), Map.of("groupCode", "team", "seats", 1));

        assertRefused(tooFew, HttpStatus.CONFLICT, "needs at least 2 seat(s)");
        assertThat(licensing.pool(orgPool).total()).isEqualTo(10);
        assertThat(licensing.ledger(orgPool)).extracting(LicensingManagement.LedgerEntry::entryType)
                .doesNotContain("ALLOCATE");

        var enough = Api.as(http, org).post(allocations(org, orgPool), Map.of("groupCode", "team", "seats", 3));

        assertThat(enough.getStatusCode()).as("%s", enough.getBody()).isEqualTo(HttpStatus.CREATED);
        long groupPool = enough.getBody().at("/to/id").asLong();
        assertThat(licensing.pool(groupPool).consumed()).isEqualTo(2);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ? AND status = 'ACTIVE'", groupPool))
                .isEqualTo(2);
        assertBooksBalance(orgPool, groupPool);
    }

    @Test
    void anAllocationBeyondTheFreeSeatsIsRefusedAndChangesNothing() {
        Org org = world.org(5, 5);
        organisations.createGroup(org.org().id(), "sales", "Sales");
        long orgPool = org.programmePool().id();
        licensing.reserve(orgPool, 2, "test", "pending invitations", LedgerSource.system("test"));
        int poolsBefore = licensing.poolsOf(org.org().id()).size();

        var response = Api.as(http, org).post(allocations(org, orgPool), Map.of("groupCode", "sales", "seats", 4));

        assertRefused(response, HttpStatus.CONFLICT, "cannot allocate 4 seat(s): 3 free of 5");
        assertThat(licensing.pool(orgPool).total()).isEqualTo(5);
        assertThat(licensing.poolsOf(org.org().id())).hasSize(poolsBefore);
        assertThat(licensing.ledger(orgPool)).extracting(LicensingManagement.LedgerEntry::entryType)
                .doesNotContain("ALLOCATE");
    }

    /** Each member takes a seat of each of the group's pools: two pools of one programme would take two seats. */
    @Test
    void aGroupHoldingSeatsOfAProgrammeRunGetsNoSecondPoolOfThatProgrammeByAllocationOrPurchase() {
        Org org = world.org(5, 5);
        LearnerGroup sales = organisations.createGroup(org.org().id(), "sales", "Sales");
        long productId = org.programmePool().productId();
        Long run1 = licensing.findRun(productId, org.run1()).orElseThrow().id();
        SeatPool runPool = licensing.purchase(org.org().id(), sales.id(), productId, run1, 3, null, "test", "PO-RUN-1");
        int poolsBefore = licensing.poolsOf(org.org().id()).size();

        var allocated = Api.as(http, org).post(allocations(org, org.programmePool().id()),
                Map.of("groupCode", "sales", "seats", 2));
        var bought = Api.as(http, org).post("/api/orgs/" + org.org().code() + "/purchases", Map.of("productCode",
                org.programmeCode(), "runCode", org.run2(), "seats", 2, "orderReference", World.unique("PO-"),
                "groupCode", "sales"));

        assertRefused(allocated, HttpStatus.CONFLICT, "Group sales already holds seats for " + runPool.label());
        assertRefused(bought, HttpStatus.CONFLICT, "Group sales already holds seats for " + runPool.label());
        assertThat(licensing.poolsOf(org.org().id())).hasSize(poolsBefore);
        assertThat(licensing.pool(org.programmePool().id()).total()).isEqualTo(5);
    }

    @Test
    void anExpiredPoolGivesNoSeatsToAGroup() {
        Org org = world.org(5, 5);
        var module = licensing.createProduct(World.unique("MOD-"), "Old module", "MODULE");
        SeatPool expired = licensing.purchase(org.org().id(), null, module.id(), null, 10,
                Instant.now().minusSeconds(5), "test", "EXPIRED-" + org.org().code());

        var response = Api.as(http, org).post(allocations(org, expired.id()), Map.of("groupCode", "team", "seats", 1));

        assertRefused(response, HttpStatus.CONFLICT, "expired");
        assertThat(licensing.pool(expired.id()).total()).isEqualTo(10);
        assertThat(licensing.poolsOf(org.org().id())).noneMatch(p -> p.groupId() != null
                && p.productId() == module.id());
    }

    @Test
    void badAllocationsAreRefusedWithAClearMessageAndChangeNothing() {
        Org org = world.org(5, 5);
        Org other = world.org(5, 5);
        Api api = Api.as(http, org);
        long orgPool = org.programmePool().id();
        int ledgerBefore = world.count("SELECT COUNT(*) FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id "
                + "WHERE p.org_id = ?", org.org().id());

        assertRefused(api.post(allocations(org, orgPool), Map.of("groupCode", "team", "seats", 0)),
                HttpStatus.BAD_REQUEST, "seats must be from 1");
        assertRefused(api.post(allocations(org, orgPool), Map.of("groupCode", "team", "seats", -2)),
                HttpStatus.BAD_REQUEST, "seats must be from 1");
        assertRefused(api.post(allocations(org, orgPool), Map.of("groupCode", "team")),
                HttpStatus.BAD_REQUEST, "seats is required");
        assertRefused(api.post(allocations(org, orgPool), Map.of("seats", 1)),
                HttpStatus.BAD_REQUEST, "groupCode is required");
        assertRefused(api.post(allocations(org, orgPool), Map.of("groupCode", "nobody", "seats", 1)),
                HttpStatus.NOT_FOUND, "has no group 'nobody'");
        assertRefused(api.post(allocations(org, 999_999_999L), Map.of("groupCode", "team", "seats", 1)),
                HttpStatus.NOT_FOUND, "has no seat pool 999999999");
        assertRefused(api.post(allocations(org, other.programmePool().id()), Map.of("groupCode", "team", "seats", 1)),
                HttpStatus.NOT_FOUND, "has no seat pool " + other.programmePool().id());
        assertRefused(api.post(allocations(org, org.groupPool().id()), Map.of("groupCode", "team", "seats", 1)),
                HttpStatus.BAD_REQUEST, "belongs to group team");

        assertThat(world.count("SELECT COUNT(*) FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id "
                + "WHERE p.org_id = ?", org.org().id())).isEqualTo(ledgerBefore);
        assertThat(licensing.pool(orgPool).total()).isEqualTo(5);
        assertThat(licensing.pool(other.programmePool().id()).total()).isEqualTo(5);
    }

    @Test
    void twentyConcurrentAllocationsFromAPoolWithFiveFreeSeatsGiveExactlyFive() throws Exception {
        Org org = world.org(5, 5);
        organisations.createGroup(org.org().id(), "sales", "Sales");
        long orgPool = org.programmePool().id();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        allocations.allocate(org.org().code(), orgPool, "sales", 1, "thread");
                        return true;
                    } catch (SeatsUnavailableException refused) {
                        return false;
                    }
                };
                attempts.add(pool.submit(attempt));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> attempt : attempts) {
                succeeded += attempt.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(succeeded).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        SeatPool from = licensing.pool(orgPool);
        List<SeatPool> groupPools = licensing.poolsOf(org.org().id()).stream()
                .filter(p -> p.groupId() != null && p.productId() == from.productId()).toList();
        assertThat(from.total()).isZero();
        assertThat(groupPools).singleElement().satisfies(p -> assertThat(p.total()).isEqualTo(5));
        assertThat(licensing.ledger(orgPool)).filteredOn(e -> e.entryType().equals("ALLOCATE")).hasSize(5);
        assertBooksBalance(orgPool, groupPools.get(0).id());
    }
}
