package com.seatflow.invitation.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.invitation.InvitationManagement;
import com.seatflow.invitation.InvitationView;
import com.seatflow.organisation.OrganisationManagement;

@RestController
class InvitationController {

    private final InvitationManagement invitations;
    private final OrganisationManagement organisations;

    InvitationController(InvitationManagement invitations, OrganisationManagement organisations) {
        this.invitations = invitations;
        this.organisations = organisations;
    }

    @GetMapping("/api/orgs/{org}/invitations")
    List<InvitationView> list(@PathVariable String org, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1000") int limit) {
        return invitations.ofOrg(organisations.require(org).id(), status, Math.min(limit, 10_000));
    }
}
