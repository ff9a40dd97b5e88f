package com.seatflow.licensing.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatLedger;
import com.seatflow.licensing.SeatLedger.LedgerPage;
import com.seatflow.licensing.SeatLedger.LedgerQuery;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.TimeParameters;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An organisation's seat ledger: {@code pool} (a pool id), {@code from} and {@code to} (dates, both days included,
 * or ISO-8601 times, {@code to} excluded), {@code type} (bought, added, allocated, transferred, reserved, consumed,
 * released, refunded, expired; several separated by commas).
 */
@RestController
class LedgerController {

    private final SeatLedger ledger;
    private final LicensingManagement licensing;
    private final OrganisationManagement organisations;

    LedgerController(SeatLedger ledger, LicensingManagement licensing, OrganisationManagement organisations) {
        this.ledger = ledger;
        this.licensing = licensing;
        this.organisations = organisations;
    }

    @GetMapping("/api/orgs/{org}/ledger")
    LedgerPage ledger(@PathVariable String org, @RequestParam(required = false) Long pool,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String type, @RequestParam(required = false) Long afterId,
            @RequestParam(defaultValue = "" + SeatLedger.DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > SeatLedger.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + SeatLedger.MAX_LIMIT + ", was " + limit);
        }
        return ledger.page(query(org, pool, from, to, type, afterId, limit));
    }

    @GetMapping(path = "/api/orgs/{org}/ledger.csv", produces = "text/csv")
    void ledgerCsv(@PathVariable String org, @RequestParam(required = false) Long pool,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String type, HttpServletResponse response) throws IOException {
        LedgerQuery query = query(org, pool, from, to, type, null, 0);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"ledger-" + org + ".csv\"");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            ledger.export(query, out);
        }
    }

    /** Checks every filter before anything is written, so a bad one is a 400 and never half a file. */
    private LedgerQuery query(String orgCode, Long pool, String from, String to, String type, Long afterId,
            int limit) {
        Organisation org = organisations.require(orgCode);
        if (pool != null && licensing.findPool(pool).filter(p -> p.orgId() == org.id()).isEmpty()) {
            throw new NotFoundException("Organisation " + org.code() + " has no seat pool " + pool);
        }
        Instant start = TimeParameters.start("from", from);
        Instant end = TimeParameters.endOf("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        Set<LedgerEntryType> types = type == null || type.isBlank() ? null : LedgerEntryType.parse(type);
        return new LedgerQuery(org.id(), pool, start, end, types, afterId, limit);
    }
}
