package com.seatflow.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.invitation.GroupInvitations;
import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;

@SeatflowIntegrationTest
class SeatPurchaseIntegrationTests {

    @Autowired
    World world;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    Identities identities;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GroupInvitations groupInvitations;
    @Autowired
    LearnerInvitations learnerInvitations;
    @Autowired
    LearnerAccounts accounts;

    /** Everything a purchase can change for one organisation, to prove a refused one changed nothing. */
    record Snapshot(int pools, int seats, int ledgerEntries, int groups, int groupAdmins, int accounts, int enrolments) {
    }

    Snapshot snapshot(Org org) {
        long id = org.org().id();
        return new Snapshot(world.count("SELECT COUNT(*) FROM seat_pool WHERE org_id = ?", id),
                world.count("SELECT COALESCE(SUM(total), 0) FROM seat_pool WHERE org_id = ?", id),
                world.count("SELECT COUNT(*) FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id WHERE p.org_id = ?", id),
                world.count("SELECT COUNT(*) FROM learner_group WHERE org_id = ?", id),
                world.count("SELECT COUNT(*) FROM group_admin a JOIN learner_group g ON g.id = a.group_id WHERE g.org_id = ?", id),
                world.count("SELECT COUNT(*) FROM user_account"),
                world.count("SELECT COUNT(*) FROM enrolment"));
    }

    private Product module(String name) {
        return licensing.createProduct(World.unique("MOD-"), name, "MODULE");
    }

    private static String purchases(Org org) {
        return "/api/orgs/" + org.org().code() + "/purchases";
    }

    private void assertBooksBalance(Org org) {
        List<Long> pools = licensing.poolsOf(org.org().id()).stream().map(SeatPool::id).toList();
        assertThat(licensing.drift()).noneMatch(d -> pools.contains(d.poolId()));
    }

    @Test
    void buyingSeatsOpensAPoolRecordedAsAPurchaseWithTheOrderReference() {
        Org org = world.org(5, 5);
        Product module = module("Fire safety");
        Instant until = Instant.now().plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);

        ResponseEntity<JsonNode> response = Api.as(http, org).post(purchases(org), Map.of("productCode", module.code(),
                "seats", 12, "validUntil", until.toString(), "orderReference", "PO-4711"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode pool = response.getBody().get("pool");
        assertThat(pool.get("total").asInt()).isEqualTo(12);
        assertThat(pool.get("groupId").isNull()).isTrue();
        assertThat(Instant.parse(pool.get("validUntil").asText())).isEqualTo(until);
        var entries = licensing.ledger(pool.get("id").asLong());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.entryType()).isEqualTo("PURCHASE");
            assertThat(e.totalDelta()).isEqualTo(12);
            assertThat(e.actor()).isEqualTo(org.adminUser());
            assertThat(e.sourceType()).isEqualTo("API");
            assertThat(e.sourceRef()).isEqualTo("PO-4711");
            assertThat(e.reason()).contains("PO-4711");
        });
        assertBooksBalance(org);
    }

    @Test
    void buyingSeatsForANewGroupMakesTheBuyerItsAdministratorAndEnrolMeTakesOneSeat() {
        Org org = world.org(5, 5);
        Product module = module("First aid");

        ResponseEntity<JsonNode> response = Api.as(http, org).post(purchases(org), Map.of("productCode", module.code(),
                "seats", 10, "orderReference", "PO-1", "newGroup", Map.of("code", "nurses", "name", "Night nurses"),
                "enrolMe", true));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = response.getBody();
        assertThat(body.get("groupCreated").asBoolean()).isTrue();
        assertThat(body.at("/group/code").asText()).isEqualTo("nurses");
        assertThat(body.get("groupAdmins")).extracting(JsonNode::asText).containsExactly(org.adminUser());
        assertThat(body.at("/enrolment/seatConsumed").asBoolean()).isTrue();
        long poolId = body.at("/pool/id").asLong();
        SeatPool pool = licensing.pool(poolId);
        assertThat(pool.total()).isEqualTo(10);
        assertThat(pool.consumed()).isEqualTo(1);
        assertThat(pool.groupId()).isEqualTo(body.at("/group/id").asLong());
        long account = body.at("/enrolment/userAccountId").asLong();
        assertThat(jdbc.sql("SELECT email_norm FROM user_account WHERE id = ?").param(account).query(String.class)
                .single()).isEqualTo(org.adminUser() + "@example.org");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE user_id = ? AND product_id = ? AND pool_id = ? "
                + "AND status = 'ACTIVE'", account, module.id(), poolId)).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ? AND user_id = ?",
                pool.groupId(), account)).isEqualTo(1);
        assertThat(licensing.ledger(poolId)).extracting(LicensingManagement.LedgerEntry::entryType)
                .containsExactly("PURCHASE", "CONSUME");
        assertBooksBalance(org);

        JsonNode groups = Api.as(http, org).get("/api/orgs/" + org.org().code() + "/groups").getBody();
        JsonNode nurses = find(groups, "code", "nurses");
        assertThat(nurses.get("admins")).extracting(JsonNode::asText).containsExactly(org.adminUser());
        assertThat(nurses.get("members").asInt()).isEqualTo(1);
        assertThat(nurses.at("/modules/0/productCode").asText()).isEqualTo(module.code());
        assertThat(nurses.at("/modules/0/used").asInt()).isEqualTo(1);
        assertThat(nurses.at("/modules/0/free").asInt()).isEqualTo(9);
    }

    @Test
    void enrolMeTwiceOnTheSameModuleTakesNoSecondSeat() {
        Org org = world.org(5, 5);
        Product module = module("Ladders");
        Api api = Api.as(http, org);
        api.post(purchases(org), Map.of("productCode", module.code(), "seats", 3, "orderReference", "A-1",
                "newGroup", Map.of("code", "north", "name", "North"), "enrolMe", true));

        ResponseEntity<JsonNode> second = api.post(purchases(org), Map.of("productCode", module.code(), "seats", 3,
                "orderReference", "A-2", "newGroup", Map.of("code", "south", "name", "South"), "enrolMe", true));

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getBody().at("/enrolment/seatConsumed").asBoolean()).isFalse();
        assertThat(second.getBody().at("/enrolment/note").asText()).contains("already enrolled");
        assertThat(licensing.pool(second.getBody().at("/pool/id").asLong()).consumed()).isZero();
        assertBooksBalance(org);
    }

    @Test
    void addModulesBuysANewProductForAnExistingGroupAndAddSeatsTopsUpAPool() {
        Org org = world.org(5, 5);
        Product second = module("Second module");
        Api api = Api.as(http, org);

        ResponseEntity<JsonNode> modules = api.post(purchases(org), Map.of("productCode", second.code(), "seats", 4,
                "orderReference", "MOD-ORDER", "groupCode", "team"));
        long poolId = modules.getBody().at("/pool/id").asLong();
        ResponseEntity<JsonNode> added = api.post("/api/orgs/" + org.org().code() + "/pools/" + poolId + "/seats",
                Map.of("seats", 6, "orderReference", "TOP-UP-1"));

        assertThat(modules.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(modules.getBody().get("groupCreated").asBoolean()).isFalse();
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(added.getBody().at("/pool/total").asInt()).isEqualTo(10);
        assertThat(added.getBody().get("free").asInt()).isEqualTo(10);
        assertThat(licensing.ledger(poolId)).extracting(LicensingManagement.LedgerEntry::entryType,
                LicensingManagement.LedgerEntry::sourceRef).containsExactly(
                        tuple("PURCHASE", "MOD-ORDER"),
                        tuple("ADD_SEATS", "TOP-UP-1"));
        JsonNode team = find(api.get("/api/orgs/" + org.org().code() + "/groups").getBody(), "code", "team");
        assertThat(team.get("modules")).hasSize(2);
        assertBooksBalance(org);
    }

    /** Adds a learner who has an account to the org's group "team" at once (one seat of each of its modules). */
    private long addedToTeam(Org org, String name) {
        String email = World.unique(name) + "@example.org";
        accounts.findOrCreate(email, name, "Member", accounts.hashPassword(name + "-password"));
        assertThat(groupInvitations.invite(org.org().code(), "team", email, name, "Member", org.adminUser())
                .outcome()).isEqualTo("ADDED");
        return accounts.byEmail(email).orElseThrow().id();
    }

    @Test
    void addModulesGivesTheNewModuleToTheGroupsMembersAndHoldsASeatForItsPendingInvitations() {
        Org org = world.org(5, 5);
        String code = org.org().code();
        long member = addedToTeam(org, "early");
        String newcomer = World.unique("newcomer") + "@example.org";
        long invitation = groupInvitations.invite(code, "team", newcomer, "New", "Comer", org.adminUser())
                .invitationId();
        // a group file places its learners in the group at once, with a pending invitation that gives the seats
        String imported = World.unique("imported") + "@example.org";
        groupInvitations.invite(code, "team", imported, "Im", "Ported", org.adminUser());
        jdbc.sql("INSERT INTO group_member (group_id, user_id, added_at) SELECT ?, id, CURRENT_TIMESTAMP "
                + "FROM user_account WHERE email_norm = ?").params(org.group().id(), imported).update();
        Product later = module("Added later");

        ResponseEntity<JsonNode> bought = Api.as(http, org).post(purchases(org), Map.of("productCode", later.code(),
                "seats", 3, "orderReference", "LATER-1", "groupCode", "team"));

        assertThat(bought.getStatusCode()).as("%s", bought.getBody()).isEqualTo(HttpStatus.CREATED);
        long poolId = bought.getBody().at("/pool/id").asLong();
        assertThat(licensing.pool(poolId)).satisfies(pool -> {
            assertThat(pool.consumed()).as("the member's seat").isEqualTo(1);
            assertThat(pool.reserved()).as("the pending invitations' seats").isEqualTo(2);
        });
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE user_id = ? AND pool_id = ? AND status = 'ACTIVE'",
                member, poolId)).isEqualTo(1);
        JsonNode progress = Api.as(http, org).get("/api/orgs/" + code + "/groups/team/progress").getBody();
        assertThat(progress).filteredOn(row -> row.get("moduleCode").asText().equals(later.code()))
                .extracting(row -> row.get("status").asText()).contains("ACTIVE");

        long newcomerId = accounts.byEmail(newcomer).orElseThrow().id();
        learnerInvitations.accept(invitation, newcomerId);

        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE user_id = ? AND pool_id = ? AND status = 'ACTIVE'",
                newcomerId, poolId)).isEqualTo(1);
        assertThat(licensing.pool(poolId)).satisfies(pool -> {
            assertThat(pool.consumed()).isEqualTo(2);
            assertThat(pool.reserved()).isEqualTo(1);
        });
        assertThat(world.count("SELECT COUNT(*) FROM enrolment e JOIN user_account u ON u.id = e.user_id "
                + "WHERE e.pool_id = ? AND u.email_norm = ?", poolId, imported))
                .as("the imported learner gets the module when accepting, not before").isZero();
        assertBooksBalance(org);
    }

    @Test
    void addModulesWithFewerSeatsThanTheGroupHasMembersIsRefusedAndChangesNothing() {
        Org org = world.org(5, 5);
        addedToTeam(org, "first");
        addedToTeam(org, "second");
        Product later = module("Too few seats");
        Snapshot before = snapshot(org);

        ResponseEntity<JsonNode> bought = Api.as(http, org).post(purchases(org), Map.of("productCode", later.code(),
                "seats", 1, "orderReference", "LATER-2", "groupCode", "team"));

        assertRefused(bought, HttpStatus.CONFLICT, "needs at least 2 seat(s)");
        assertThat(snapshot(org)).isEqualTo(before);
        assertBooksBalance(org);
    }

    @Test
    void anOrderReferenceBuysOnce() {
        Org org = world.org(5, 5);
        Api api = Api.as(http, org);
        api.post(purchases(org), Map.of("productCode", module("m").code(), "seats", 2, "orderReference", "ONCE"));
        Snapshot before = snapshot(org);

        var again = api.post(purchases(org), Map.of("productCode", module("n").code(), "seats", 2,
                "orderReference", "ONCE"));
        var topUp = api.post("/api/orgs/" + org.org().code() + "/pools/" + org.programmePool().id() + "/seats",
                Map.of("seats", 2, "orderReference", "ONCE"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail").asText()).contains("Order ONCE is already recorded");
        assertThat(topUp.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(snapshot(org)).isEqualTo(before);
    }

    @Test
    void aSecondPoolForTheSameProductIsRefusedWithTheWayToAddSeats() {
        Org org = world.org(5, 5);
        Snapshot before = snapshot(org);

        var response = Api.as(http, org).post(purchases(org), Map.of("productCode", org.programmeCode(), "seats", 2,
                "orderReference", "DUP-POOL"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).contains("already holds seats")
                .contains("/pools/" + org.programmePool().id() + "/seats");
        assertThat(snapshot(org)).isEqualTo(before);
    }

    @Test
    void badPurchasesAreRefusedWithAClearMessageAndChangeNothing() {
        Org org = world.org(5, 5);
        Product module = module("Valid module");
        Api api = Api.as(http, org);
        Snapshot before = snapshot(org);
        String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();

        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 0, "orderReference", "X")),
                HttpStatus.BAD_REQUEST, "seats must be from 1");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", -3, "orderReference", "X")),
                HttpStatus.BAD_REQUEST, "seats must be from 1");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "orderReference", "X")),
                HttpStatus.BAD_REQUEST, "seats is required");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2)),
                HttpStatus.BAD_REQUEST, "orderReference is required");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "  ")),
                HttpStatus.BAD_REQUEST, "orderReference is required");
        assertRefused(api.post(purchases(org), Map.of("seats", 2, "orderReference", "X")),
                HttpStatus.BAD_REQUEST, "productCode is required");
        assertRefused(api.post(purchases(org), Map.of("productCode", "NO-SUCH-PRODUCT", "seats", 2, "orderReference", "X")),
                HttpStatus.NOT_FOUND, "No product with code 'NO-SUCH-PRODUCT'");
        assertRefused(api.post(purchases(org), Map.of("productCode", org.programmeCode(), "runCode", "NO-RUN", "seats", 2,
                "orderReference", "X")), HttpStatus.NOT_FOUND, "has no run 'NO-RUN'");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "runCode", "RUN-1", "seats", 2,
                "orderReference", "X")), HttpStatus.BAD_REQUEST, "only programmes have runs");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "groupCode", "no-such-group")), HttpStatus.NOT_FOUND, "has no group 'no-such-group'");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "groupCode", "team", "newGroup", Map.of("code", "g", "name", "G"))), HttpStatus.BAD_REQUEST,
                "either groupCode");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "newGroup", Map.of("code", "team", "name", "Again"))), HttpStatus.CONFLICT, "already has a group 'team'");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "newGroup", Map.of("code", "bad code!", "name", "G"))), HttpStatus.BAD_REQUEST, "newGroup.code");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "validUntil", yesterday)), HttpStatus.BAD_REQUEST, "validUntil must be in the future");
        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference", "X",
                "validUntil", "next tuesday")), HttpStatus.BAD_REQUEST, "validUntil 'next tuesday' is not a date");
        assertRefused(api.post(purchases(org), "{\"productCode\": \"" + module.code() + "\", \"seats\": \"many\"}"),
                HttpStatus.BAD_REQUEST, "not the JSON expected");
        assertRefused(api.post("/api/orgs/no-such-org/purchases", Map.of("productCode", module.code(), "seats", 2,
                "orderReference", "X")), HttpStatus.FORBIDDEN, null);

        assertThat(snapshot(org)).isEqualTo(before);
    }

    @Test
    void badTopUpsAreRefusedWithAClearMessageAndChangeNothing() {
        Org org = world.org(5, 5);
        Org other = world.org(5, 5);
        Api api = Api.as(http, org);
        String base = "/api/orgs/" + org.org().code() + "/pools/";
        SeatPool expired = licensing.purchase(org.org().id(), null, module("old").id(), null, 3,
                Instant.now().minusSeconds(60), "test", "OLD-" + org.org().code());
        Snapshot before = snapshot(org);

        assertRefused(api.post(base + org.programmePool().id() + "/seats", Map.of("seats", 0, "orderReference", "T")),
                HttpStatus.BAD_REQUEST, "seats must be from 1");
        assertRefused(api.post(base + org.programmePool().id() + "/seats", Map.of("seats", 2)),
                HttpStatus.BAD_REQUEST, "orderReference is required");
        assertRefused(api.post(base + "999999999/seats", Map.of("seats", 2, "orderReference", "T")),
                HttpStatus.NOT_FOUND, "has no seat pool 999999999");
        assertRefused(api.post(base + other.programmePool().id() + "/seats", Map.of("seats", 2, "orderReference", "T")),
                HttpStatus.NOT_FOUND, "has no seat pool " + other.programmePool().id());
        assertRefused(api.post(base + expired.id() + "/seats", Map.of("seats", 2, "orderReference", "T")),
                HttpStatus.CONFLICT, "expired");

        assertThat(snapshot(org)).isEqualTo(before);
        assertThat(licensing.pool(other.programmePool().id()).total()).isEqualTo(5);
    }

    @Test
    void aTimeBeyondTheYear9999IsRefusedNotStored() {
        Org org = world.org(5, 5);
        Product module = module("Far future");
        Api api = Api.as(http, org);
        Snapshot before = snapshot(org);

        assertRefused(api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference",
                "FAR", "validUntil", "+999999999-12-31T00:00:00Z")), HttpStatus.BAD_REQUEST,
                "validUntil '+999999999-12-31T00:00:00Z' is out of range: the year must be from 1 to 9999");
        assertThat(snapshot(org)).isEqualTo(before);

        // the last day a four-digit year can name is still a valid end
        var lastDay = api.post(purchases(org), Map.of("productCode", module.code(), "seats", 2, "orderReference",
                "LAST", "validUntil", "9999-12-31"));
        assertThat(lastDay.getStatusCode()).as("%s", lastDay.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(lastDay.getBody().at("/pool/validUntil").asText()).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void aTopUpBeyondWhatAPoolCanHoldIsRefusedSayingSo() {
        Org org = world.org(5, 5);
        long pool = org.programmePool().id();
        licensing.apply(pool, LedgerEntryType.ADD_SEATS, Integer.MAX_VALUE - 15, 0, 0, "test", "nearly full",
                LedgerSource.api("FULL-" + org.org().code()));
        Snapshot before = snapshot(org);

        var refused = Api.as(http, org).post("/api/orgs/" + org.org().code() + "/pools/" + pool + "/seats",
                Map.of("seats", 1_000_000, "orderReference", "OVERFLOW"));

        assertRefused(refused, HttpStatus.CONFLICT, "it holds " + (Integer.MAX_VALUE - 10)
                + " and a pool holds at most " + Integer.MAX_VALUE);
        assertThat(snapshot(org)).isEqualTo(before);
        assertBooksBalance(org);
    }

    @Test
    void supportGrantsGroupAdministratorRightsToAnExistingAccount() {
        Org org = world.org(5, 5);
        String colleague = World.unique("colleague");
        identities.createUser(colleague, "Col", "League", colleague + "@example.org", "colleague-password");
        String path = "/orgs/" + org.org().code() + "/groups/team/admins";
        Api support = Api.support(http);

        var granted = support.post("/api/support" + path, Map.of("userId", colleague));
        var again = support.post("/api/support" + path, Map.of("userId", colleague));
        var unknownUser = support.post("/api/support" + path, Map.of("userId", "nobody-" + colleague));
        var unknownGroup = support.post("/api/support/orgs/" + org.org().code() + "/groups/none/admins",
                Map.of("userId", colleague));
        var noUser = support.post("/api/support" + path, Map.of());
        var byOrgAdmin = Api.as(http, org).post("/api/support" + path, Map.of("userId", org.adminUser()));

        assertThat(granted.getStatusCode()).as("%s", granted.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(granted.getBody().get("admins")).extracting(JsonNode::asText).containsExactly(colleague);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("granted").asBoolean()).isFalse();
        assertRefused(unknownUser, HttpStatus.NOT_FOUND, "No user account 'nobody-");
        assertRefused(unknownGroup, HttpStatus.NOT_FOUND, "has no group 'none'");
        assertRefused(noUser, HttpStatus.BAD_REQUEST, "userId is required");
        assertThat(byOrgAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode team = find(Api.as(http, org).get("/api/orgs/" + org.org().code() + "/groups").getBody(), "code",
                "team");
        assertThat(team.get("admins")).extracting(JsonNode::asText).containsExactly(colleague);
        assertThat(jdbc.sql("SELECT granted_by FROM group_admin WHERE user_id = ?").param(colleague)
                .query(String.class).single()).isEqualTo(Api.SUPPORT);
    }

    /** Seed 002: support is mailed by a customer, so it knows their email address rather than a user id. */
    @Test
    void supportGrantsGroupAdministratorRightsByTheAccountsEmailAddress() {
        Org org = world.org(5, 5);
        String colleague = World.unique("mailer");
        identities.createUser(colleague, "Mai", "Ler", colleague + "@example.org", "colleague-password");
        String learnerOnly = World.unique("learner") + "@example.org";
        accounts.findOrCreate(learnerOnly, "Lea", "Rner", accounts.hashPassword("learner-password"));
        String path = "/api/support/orgs/" + org.org().code() + "/groups/team/admins";

        var byEmail = Api.support(http).post(path, Map.of("userId", colleague + "@example.org"));
        var learner = Api.support(http).post(path, Map.of("userId", learnerOnly));

        assertThat(byEmail.getStatusCode()).as("%s", byEmail.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(byEmail.getBody().get("admins")).extracting(JsonNode::asText).containsExactly(colleague);
        assertRefused(learner, HttpStatus.NOT_FOUND, learnerOnly + " has only a learner account");
        assertThat(world.count("SELECT COUNT(*) FROM group_admin WHERE group_id = ?", org.group().id())).isEqualTo(1);
    }

    static void assertRefused(ResponseEntity<JsonNode> response, HttpStatus status, String detail) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        if (detail != null) {
            assertThat(response.getBody().get("detail").asText()).contains(detail);
        }
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asText())) {
                return node;
            }
        }
        throw new AssertionError("No element with " + field + " = " + value + " in " + array);
    }
}
