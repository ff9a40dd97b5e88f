package com.seatflow.imports.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;

/** An approval or rejection through the API, under the organisation's path or a group's, by whoever may give it. */
@Component
class ImportDecisions {

    private final ImportManagement imports;

    ImportDecisions(ImportManagement imports) {
        this.imports = imports;
    }

    /** Decides an import the caller may see, unless the import-policy rules gave it to provider support. */
    ImportJob decide(ImportJob job, boolean approve, ImportController.Decision decision, Authentication user) {
        ImportReach.requireMayDecide(job, user);
        return imports.decide(job.orgCode(), job.id(), approve, user.getName(),
                decision == null ? null : decision.comment());
    }
}
