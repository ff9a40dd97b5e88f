package com.seatflow.programme;

import java.util.List;

import org.springframework.stereotype.Service;

import com.seatflow.licensing.ProductCatalogue;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.OrganisationManagement;

/** Grants and withdraws the learning-manager and programme-learner-admin permissions of an organisation. */
@Service
public class ProgrammePermissions {

    public enum Role {
        LEARNING_MANAGER, PROGRAMME_LEARNER_ADMIN
    }

    public record Grant(String userId, Role role, String programmeCode) {
    }

    private final Identities identities;
    private final OrganisationManagement organisations;
    private final ProductCatalogue catalogue;

    ProgrammePermissions(Identities identities, OrganisationManagement organisations, ProductCatalogue catalogue) {
        this.identities = identities;
        this.organisations = organisations;
        this.catalogue = catalogue;
    }

    public Grant grant(String orgCode, Grant grant) {
        String group = groupOf(orgCode, grant);
        if (!identities.userExists(grant.userId()) || staffOfAnotherOrganisation(grant.userId(), orgCode)) {
            // another organisation's administrators and programme staff are not this one's to grant: they are
            // answered like an unknown user, so the answer tells nothing about the other organisation's accounts
            throw new com.seatflow.platform.NotFoundException("No user '" + grant.userId() + "'");
        }
        identities.addToGroup(grant.userId(), group, grant.role() + " of " + orgCode
                + (grant.programmeCode() == null ? "" : " for " + grant.programmeCode()));
        return grant;
    }

    /** Whether the user holds a role ("org-…" group) of an organisation other than this one. */
    private boolean staffOfAnotherOrganisation(String userId, String orgCode) {
        return identities.groupsOf(userId).stream().filter(group -> group.startsWith("org-"))
                .anyMatch(group -> !group.equals(OrgRoles.adminGroup(orgCode))
                        && !group.equals(OrgRoles.learningManagers(orgCode))
                        && OrgRoles.administeredProgrammes(List.of(group), orgCode).isEmpty());
    }

    public void withdraw(String orgCode, Grant grant) {
        identities.removeFromGroup(grant.userId(), groupOf(orgCode, grant));
    }

    public List<String> groupsOf(String userId) {
        return identities.groupsOf(userId);
    }

    private String groupOf(String orgCode, Grant grant) {
        organisations.require(orgCode);
        if (grant.role() == null) {
            throw new IllegalArgumentException("role is required: LEARNING_MANAGER or PROGRAMME_LEARNER_ADMIN");
        }
        if (grant.role() == Role.LEARNING_MANAGER) {
            return ProgrammeRoles.learningManagers(orgCode);
        }
        if (grant.programmeCode() == null) {
            throw new IllegalArgumentException("programmeCode is required for PROGRAMME_LEARNER_ADMIN");
        }
        catalogue.requireProgramme(grant.programmeCode());
        return ProgrammeRoles.learnerAdmins(orgCode, grant.programmeCode());
    }
}
