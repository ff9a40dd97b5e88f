package com.seatflow.chain.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.chain.AuditEntry;
import com.seatflow.chain.AuditLog;
import com.seatflow.organisation.OrganisationManagement;

/** What chain managers did inside this organisation, newest first. Its own admins and support only. */
@RestController
class AuditController {

    private final AuditLog auditLog;
    private final OrganisationManagement organisations;

    AuditController(AuditLog auditLog, OrganisationManagement organisations) {
        this.auditLog = auditLog;
        this.organisations = organisations;
    }

    @GetMapping("/api/orgs/{org}/audit")
    List<AuditEntry> audit(@PathVariable String org, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return auditLog.of(organisations.require(org).code(), Math.min(limit, 10_000));
    }
}
