package com.seatflow.organisation.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.organisation.OrgUser;
import com.seatflow.organisation.OrgUsers;
import com.seatflow.organisation.OrganisationManagement;

@RestController
class OrgUserController {

    private final OrgUsers users;
    private final OrganisationManagement organisations;

    OrgUserController(OrgUsers users, OrganisationManagement organisations) {
        this.users = users;
        this.organisations = organisations;
    }

    @GetMapping("/api/orgs/{org}/users")
    List<OrgUser> users(@PathVariable String org, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return users.of(organisations.require(org).id(), offset, Math.min(limit, 1000));
    }
}
