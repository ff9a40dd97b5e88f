package com.seatflow.licensing;

import static com.seatflow.licensing.SeatPurchaseIntegrationTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.organisation.OrganisationManagement;

@SeatflowIntegrationTest
class LedgerApiIntegrationTests {

    @Autowired
    World world;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    OrganisationManagement organisations;
    @Autowired
    TestRestTemplate http;

    private static String ledger(Org org) {
        return "/api/orgs/" + org.org().code() + "/ledger";
    }

    private static List<String> types(JsonNode page) {
        return StreamSupport.stream(page.get("entries").spliterator(), false).map(e -> e.get("type").asText())
                .toList();
    }

    /** Sums each pool's ledger as the API shows it and compares it with the pool's counters. */
    private void assertLedgerEqualsCounters(Org org) {
        JsonNode entries = Api.as(http, org).get(ledger(org) + "?limit=5000").getBody().get("entries");
        for (SeatPool pool : licensing.poolsOf(org.org().id())) {
            int total = 0;
            int reserved = 0;
            int consumed = 0;
            for (JsonNode e : entries) {
                if (e.get("poolId").asLong() == pool.id()) {
                    total += e.get("totalDelta").asInt();
                    reserved += e.get("reservedDelta").asInt();
                    consumed += e.get("consumedDelta").asInt();
                }
            }
            assertThat(List.of(total, reserved, consumed)).as("ledger of pool %d", pool.id())
                    .containsExactly(pool.total(), pool.reserved(), pool.consumed());
        }
        List<Long> ids = licensing.poolsOf(org.org().id()).stream().map(SeatPool::id).toList();
        assertThat(licensing.drift()).noneMatch(d -> ids.contains(d.poolId()));
    }

    @Test
    void theLedgerSumsEqualThePoolCountersAfterEveryOperation() {
        Org org = world.org(10, 5);
        Api api = Api.as(http, org);
        String code = org.org().code();
        assertLedgerEqualsCounters(org);

        var module = licensing.createProduct(World.unique("MOD-"), "Module", "MODULE");
        long bought = api.post("/api/orgs/" + code + "/purchases", Map.of("productCode", module.code(), "seats", 8,
                "orderReference", "B-1", "newGroup", Map.of("code", "crew", "name", "Crew"), "enrolMe", true))
                .getBody().at("/pool/id").asLong();
        assertLedgerEqualsCounters(org);
        api.post("/api/orgs/" + code + "/pools/" + bought + "/seats", Map.of("seats", 2, "orderReference", "B-2"));
        assertLedgerEqualsCounters(org);
        api.post("/api/orgs/" + code + "/pools/" + org.programmePool().id() + "/allocations",
                Map.of("groupCode", "crew", "seats", 4));
        assertLedgerEqualsCounters(org);
        licensing.reserve(org.programmePool().id(), 3, "test", "invitations", LedgerSource.system("test"));
        assertLedgerEqualsCounters(org);
        licensing.release(org.programmePool().id(), 1, "test", "declined", LedgerSource.system("test"));
        assertLedgerEqualsCounters(org);
        var refused = api.post("/api/orgs/" + code + "/pools/" + org.programmePool().id() + "/allocations",
                Map.of("groupCode", "crew", "seats", 50));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertLedgerEqualsCounters(org);
    }

    @Test
    void theLedgerIsFilteredByPoolTypeAndTimeAndPaged() {
        Org org = world.org(10, 5);
        Api api = Api.as(http, org);
        long orgPool = org.programmePool().id();
        licensing.reserve(orgPool, 2, "test", "invitations", LedgerSource.system("t"));
        licensing.apply(orgPool, LedgerEntryType.CONSUME, 0, -1, 1, "test", "accepted", LedgerSource.system("t"));
        api.post("/api/orgs/" + org.org().code() + "/pools/" + orgPool + "/allocations",
                Map.of("groupCode", "team", "seats", 1));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        JsonNode all = api.get(ledger(org)).getBody();
        JsonNode onePool = api.get(ledger(org) + "?pool=" + orgPool).getBody();
        JsonNode reservedOrConsumed = api.get(ledger(org) + "?type=reserved,CONSUME").getBody();
        JsonNode bought = api.get(ledger(org) + "?type=bought").getBody();
        JsonNode allocated = api.get(ledger(org) + "?type=allocated").getBody();
        JsonNode todayOnly = api.get(ledger(org) + "?from=" + today + "&to=" + today).getBody();
        JsonNode fromTomorrow = api.get(ledger(org) + "?from=" + tomorrow).getBody();
        JsonNode firstPage = api.get(ledger(org) + "?limit=2").getBody();
        JsonNode secondPage = api.get(ledger(org) + "?limit=2&afterId=" + firstPage.get("nextAfterId").asLong())
                .getBody();

        assertThat(types(all)).containsExactly("bought", "bought", "reserved", "consumed", "allocated", "allocated");
        assertThat(all.get("nextAfterId").isNull()).isTrue();
        assertThat(types(onePool)).containsExactly("bought", "reserved", "consumed", "allocated");
        assertThat(types(reservedOrConsumed)).containsExactly("reserved", "consumed");
        assertThat(bought.get("entries")).allSatisfy(e -> assertThat(e.get("entryType").asText()).isEqualTo("PURCHASE"));
        assertThat(allocated.get("entries")).extracting(e -> e.get("totalDelta").asInt()).containsExactly(-1, 1);
        assertThat(allocated.get("entries")).extracting(e -> e.get("groupCode").isNull() ? null
                : e.get("groupCode").asText()).containsExactly(null, "team");
        assertThat(types(todayOnly)).hasSize(6);
        assertThat(types(fromTomorrow)).isEmpty();
        assertThat(types(firstPage)).containsExactly("bought", "bought");
        assertThat(types(secondPage)).containsExactly("reserved", "consumed");
        assertThat(all.at("/entries/0/actor").asText()).isEqualTo("test");
        assertThat(all.at("/entries/0/sourceRef").asText()).isEqualTo("ORDER-" + org.org().code());
        assertThat(all.at("/entries/0/productCode").asText()).isEqualTo(org.programmeCode());
    }

    @Test
    void theLedgerExportIsACsvWithNeutralisedCells() throws Exception {
        Org org = world.org(3, 2);
        Api api = Api.as(http, org);
        var module = licensing.createProduct(World.unique("MOD-"), "Module", "MODULE");
        api.post("/api/orgs/" + org.org().code() + "/purchases", Map.of("productCode", module.code(), "seats", 4,
                "orderReference", "=HYPERLINK(\"http://evil\")"));

        ResponseEntity<String> csv = api.getText(ledger(org) + ".csv");
        ResponseEntity<String> reservedOnly = api.getText(ledger(org) + ".csv?type=reserved");

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("ledger-" + org.org().code() + ".csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.getBody())).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("bought", "bought", "bought");
        CSVRecord evil = rows.get(2);
        assertThat(evil.get("source_ref")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(evil.get("product")).isEqualTo(module.code());
        assertThat(evil.get("total_delta")).isEqualTo("4");
        assertThat(evil.get("actor")).isEqualTo(org.adminUser());
        assertThat(csv.getBody()).startsWith(String.join(",", SeatLedger.CSV_HEADER) + "\r\n");
        assertThat(reservedOnly.getBody().trim()).isEqualTo(String.join(",", SeatLedger.CSV_HEADER));
    }

    @Test
    void badLedgerFiltersAreRefusedWithAClearMessage() {
        Org org = world.org(3, 2);
        Org other = world.org(3, 2);
        Api api = Api.as(http, org);

        assertRefused(api.get(ledger(org) + "?type=stolen"), HttpStatus.BAD_REQUEST,
                "Unknown ledger entry type 'stolen'");
        assertRefused(api.get(ledger(org) + "?from=yesterday"), HttpStatus.BAD_REQUEST, "from 'yesterday' is not a date");
        assertRefused(api.get(ledger(org) + "?from=2027-02-01&to=2027-01-01"), HttpStatus.BAD_REQUEST,
                "must be before");
        assertRefused(api.get(ledger(org) + "?pool=" + other.programmePool().id()), HttpStatus.NOT_FOUND,
                "has no seat pool " + other.programmePool().id());
        assertRefused(api.get(ledger(org) + "?limit=0"), HttpStatus.BAD_REQUEST, "limit must be from 1");
        assertThat(api.getText(ledger(org) + ".csv?type=stolen").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.getText(ledger(org) + ".csv?pool=" + other.programmePool().id()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anotherOrganisationsAdminIsRefusedOnEveryLicenceEndpointAndChangesNothing() {
        Org acme = world.org(5, 5);
        Org other = world.org(5, 5);
        Api intruder = Api.as(http, other);
        Api anonymous = new Api(http, null, null);
        String base = "/api/orgs/" + acme.org().code();
        long pool = acme.programmePool().id();
        var module = licensing.createProduct(World.unique("MOD-"), "Module", "MODULE");
        Map<String, Object> purchase = Map.of("productCode", module.code(), "seats", 2, "orderReference", "STEAL");
        int ledgerBefore = world.count("SELECT COUNT(*) FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id "
                + "WHERE p.org_id = ?", acme.org().id());

        List<ResponseEntity<?>> refused = List.of(
                intruder.post(base + "/purchases", purchase),
                intruder.post(base + "/pools/" + pool + "/seats", Map.of("seats", 2, "orderReference", "STEAL")),
                intruder.post(base + "/pools/" + pool + "/allocations", Map.of("groupCode", "team", "seats", 1)),
                intruder.get(base + "/ledger"),
                intruder.getText(base + "/ledger.csv"),
                intruder.get(base + "/groups"),
                intruder.post("/api/support/orgs/" + acme.org().code() + "/groups/team/admins",
                        Map.of("userId", other.adminUser())),
                intruder.post("/api/support/jobs/ledger-reconciliation", Map.of()),
                intruder.get("/api/support/jobs/ledger-reconciliation"));
        List<ResponseEntity<?>> unauthenticated = List.of(
                anonymous.post(base + "/purchases", purchase),
                anonymous.get(base + "/ledger"),
                anonymous.getText(base + "/ledger.csv"),
                anonymous.post("/api/support/jobs/ledger-reconciliation", Map.of()));

        assertThat(refused).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(unauthenticated).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
        assertThat(world.count("SELECT COUNT(*) FROM seat_ledger l JOIN seat_pool p ON p.id = l.pool_id "
                + "WHERE p.org_id = ?", acme.org().id())).isEqualTo(ledgerBefore);
        assertThat(world.count("SELECT COUNT(*) FROM group_admin WHERE user_id = ?", other.adminUser())).isZero();
        assertThat(Api.as(http, acme).get(base + "/ledger").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Api.support(http).get(base + "/ledger").getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
