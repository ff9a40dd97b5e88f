package com.seatflow.imports.web;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import com.seatflow.imports.ImportJob;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.platform.NotFoundException;

/**
 * Which of an organisation's imports a caller may upload, see and act on. Admins, support and learning managers
 * reach them all (as before; learning managers upload programme files only). A programme learner admin with no
 * wider permission uploads programme files limited to the programmes they administer and reaches only the programme
 * imports limited to programmes they all administer: never the organisation's other imports, which may name other
 * programmes' learners.
 *
 * @param programmes the programmes the caller administers, when that is all they may reach; empty otherwise
 */
record ImportReach(String org, Collection<String> groups, Set<String> programmes) {

    static ImportReach of(String org, Authentication user) {
        Collection<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        boolean wider = OrgRoles.mayActOn(groups, org) || groups.contains(OrgRoles.learningManagers(org));
        return new ImportReach(org, groups, wider ? Set.of() : OrgRoles.administeredProgrammes(groups, org));
    }

    private boolean limitedToProgrammes() {
        return !programmes.isEmpty();
    }

    /**
     * May the caller upload a file of this format? Returns the programmes its rows may name, or null when they may
     * name any.
     */
    Set<String> uploadScope(String format) {
        boolean programmeFile = "programme".equals(format);
        boolean learningManager = groups.contains(OrgRoles.learningManagers(org)) || groups.contains(OrgRoles.SUPPORT);
        if (programmeFile && learningManager) {
            return null;
        }
        if (programmeFile && limitedToProgrammes()) {
            return programmes;
        }
        if (programmeFile) {
            throw new AccessDeniedException("Inviting learners to programmes in bulk needs the learning-manager "
                    + "permission of " + org + " or the programme-learner-admin permission for a programme; an admin of "
                    + org + " can grant them");
        }
        if (!OrgRoles.mayActOn(groups, org) && (groups.contains(OrgRoles.learningManagers(org)) || limitedToProgrammes())) {
            throw new AccessDeniedException("Learning managers and programme learner admins may upload programme files "
                    + "only; " + format + " files need an admin of " + org);
        }
        return null;
    }

    boolean maySee(ImportJob job) {
        return !limitedToProgrammes() || "programme".equals(job.format()) && !job.programmeCodesAllowed().isEmpty()
                && programmes.containsAll(job.programmeCodesAllowed());
    }

    /**
     * Refuses a caller other than provider support the approval or rejection of an import the import-policy rules
     * gave to support (it may still be canceled).
     */
    static void requireMayDecide(ImportJob job, Authentication user) {
        if (job.supportReview() != null
                && user.getAuthorities().stream().noneMatch(a -> OrgRoles.SUPPORT.equals(a.getAuthority()))) {
            throw new AccessDeniedException("Import " + job.id() + " is approved or rejected by provider support, since "
                    + job.supportReview() + " (rules/import-policy.drl); you may cancel it");
        }
    }

    /** The import if the caller may see it; otherwise the same answer as for an import that does not exist. */
    ImportJob require(ImportJob job) {
        if (!maySee(job)) {
            throw new NotFoundException("Organisation " + org + " has no import " + job.id()
                    + " among those limited to the programmes you administer");
        }
        return job;
    }
}
