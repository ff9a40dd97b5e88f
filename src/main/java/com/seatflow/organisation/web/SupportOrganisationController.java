package com.seatflow.organisation.web;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;

/**
 * Support opens the customer organisations (under /api/support: support only). Their seats are bought and their
 * first administrators invited through the organisation's own endpoints, which support may use on any organisation.
 */
@RestController
class SupportOrganisationController {

    /**
     * Lower-case letters and digits, single hyphens between them: the code names the organisation's permission
     * groups ({@code org-<code>-admins}, …), so it must not contain the words those names are built from.
     */
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int LONGEST_CODE = 40;
    private static final int LONGEST_NAME = 200;

    private final OrganisationManagement organisations;

    SupportOrganisationController(OrganisationManagement organisations) {
        this.organisations = organisations;
    }

    record NewOrganisation(String code, String name) {
    }

    @GetMapping("/api/support/orgs")
    List<Organisation> all() {
        return organisations.all();
    }

    @PostMapping("/api/support/orgs")
    @ResponseStatus(HttpStatus.CREATED)
    Organisation create(@RequestBody NewOrganisation request) {
        String code = request.code() == null ? "" : request.code().strip();
        String name = request.name() == null ? "" : request.name().strip();
        if (code.length() > LONGEST_CODE || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code '" + code + "' must be 1 to " + LONGEST_CODE + " lower-case letters"
                    + " and digits, with single hyphens between them (e.g. acme-north)");
        }
        if (code.contains("programme") || code.endsWith("admins") || code.endsWith("managers")) {
            throw new IllegalArgumentException("code '" + code + "' must not contain 'programme' nor end in 'admins'"
                    + " or 'managers': the organisation's permission groups are named from it");
        }
        if (name.isEmpty() || name.length() > LONGEST_NAME) {
            throw new IllegalArgumentException("name is required, at most " + LONGEST_NAME + " characters");
        }
        organisations.findByCode(code).ifPresent(existing -> {
            throw new ConflictException("There is already an organisation with code '" + code + "' ("
                    + existing.name() + ")");
        });
        return organisations.create(code, name);
    }
}
