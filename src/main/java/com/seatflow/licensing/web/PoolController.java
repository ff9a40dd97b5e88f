package com.seatflow.licensing.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.NotFoundException;

@RestController
class PoolController {

    private final LicensingManagement licensing;
    private final OrganisationManagement organisations;

    PoolController(LicensingManagement licensing, OrganisationManagement organisations) {
        this.licensing = licensing;
        this.organisations = organisations;
    }

    record PoolView(SeatPool pool, int free) {
    }

    @GetMapping("/api/orgs/{org}/pools")
    List<PoolView> pools(@PathVariable String org) {
        return licensing.poolsOf(organisations.require(org).id()).stream().map(p -> new PoolView(p, p.free())).toList();
    }

    @GetMapping("/api/orgs/{org}/pools/{poolId}/ledger")
    List<LicensingManagement.LedgerEntry> ledger(@PathVariable String org, @PathVariable long poolId) {
        SeatPool pool = licensing.pool(poolId);
        if (pool.orgId() != organisations.require(org).id()) {
            throw new NotFoundException("Organisation " + org + " has no seat pool " + poolId);
        }
        return licensing.ledger(poolId);
    }
}
