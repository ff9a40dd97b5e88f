package com.seatflow.licensing.web;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.licensing.LedgerReconciliations;
import com.seatflow.licensing.ReconciliationReport;

/** Support runs the ledger reconciliation on demand and reads its reports (under /api/support: support only). */
@RestController
class ReconciliationController {

    private final LedgerReconciliations reconciliation;

    ReconciliationController(LedgerReconciliations reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping("/api/support/jobs/ledger-reconciliation")
    ReconciliationReport run(Principal user) {
        return reconciliation.run(user.getName());
    }

    @GetMapping("/api/support/jobs/ledger-reconciliation")
    List<ReconciliationReport> latest(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be from 1 to 500, was " + limit);
        }
        return reconciliation.latest(limit);
    }
}
