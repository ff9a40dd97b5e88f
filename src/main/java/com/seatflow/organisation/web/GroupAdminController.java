package com.seatflow.organisation.web;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.NotFoundException;

/** Support grants group-administrator rights to an existing account (under /api/support: support only). */
@RestController
class GroupAdminController {

    private final OrganisationManagement organisations;
    private final GroupManagement groups;
    private final Identities identities;
    private final LearnerAccounts accounts;

    GroupAdminController(OrganisationManagement organisations, GroupManagement groups, Identities identities,
            LearnerAccounts accounts) {
        this.organisations = organisations;
        this.groups = groups;
        this.identities = identities;
        this.accounts = accounts;
    }

    record GrantRequest(String userId) {
    }

    record GroupAdmins(String org, String group, List<String> admins, boolean granted) {
    }

    /** 201 when the right was granted, 200 when the user already had it. */
    @PostMapping("/api/support/orgs/{org}/groups/{group}/admins")
    ResponseEntity<GroupAdmins> grant(@PathVariable String org, @PathVariable String group,
            @RequestBody GrantRequest request, Principal user) {
        if (request == null || request.userId() == null || request.userId().isBlank()) {
            throw new IllegalArgumentException("userId is required: the existing account to make a group administrator");
        }
        String userId = request.userId().trim(); // a user id, or the email address of a user
        Organisation organisation = organisations.require(org);
        LearnerGroup learnerGroup = organisations.findGroup(organisation.id(), group)
                .orElseThrow(() -> new NotFoundException("Organisation " + org + " has no group '" + group + "'"));
        if (!identities.userExists(userId)) {
            // support is usually told an email address ("a mail to support is enough"): find its Seatflow user
            userId = identities.userIdByEmail(userId).orElseThrow(() -> new NotFoundException(
                    accounts.byEmail(request.userId().trim()).isPresent()
                            ? request.userId().trim() + " has only a learner account, which does not sign in to "
                                    + "Seatflow: create a Seatflow user for them first (Camunda Admin, Users), then grant"
                                    + " the right to that user"
                            : "No user account '" + request.userId().trim() + "'"));
        }
        boolean granted = groups.grantAdmin(learnerGroup.id(), userId, user.getName());
        return ResponseEntity.status(granted ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new GroupAdmins(org, group, groups.admins(learnerGroup.id()), granted));
    }
}
