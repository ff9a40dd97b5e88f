package com.seatflow.programme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.invitation.InvitationView;
import com.seatflow.invitation.LearnerInvitations;
import com.seatflow.invitation.LearnerInvitations.ProgrammeInvitationRequest;
import com.seatflow.invitation.ShareLinks;
import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.licensing.LicensingManagement.ProgrammeRun;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.ProductCatalogue;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.Normalise;
import com.seatflow.rules.InvitationPolicy;
import com.seatflow.rules.PoolDemand;
import com.seatflow.rules.PoolVerdict;
import com.seatflow.rules.SeatEligibility;

/** Invites one learner to some or all runs of a programme, lists a run's invitations, cancels them. */
@Service
public class ProgrammeInvitationManagement {


    private final OrganisationManagement organisations;
    private final ProductCatalogue catalogue;
    private final LicensingManagement licensing;
    private final LearnerAccounts accounts;
    private final LearnerInvitations invitations;
    private final SeatEligibility seatEligibility;
    private final InvitationPolicy policy;
    private final ShareLinks shareLinks;
    private final Clock clock;

    ProgrammeInvitationManagement(OrganisationManagement organisations, ProductCatalogue catalogue, LicensingManagement licensing,
            LearnerAccounts accounts, LearnerInvitations invitations, SeatEligibility seatEligibility,
            InvitationPolicy policy, ShareLinks shareLinks, Clock clock) {
        this.shareLinks = shareLinks;
        this.organisations = organisations;
        this.catalogue = catalogue;
        this.licensing = licensing;
        this.accounts = accounts;
        this.invitations = invitations;
        this.seatEligibility = seatEligibility;
        this.policy = policy;
        this.clock = clock;
    }

    /** Who is asking, for the permission checks. */
    public record Caller(String userId, Collection<String> groups) {
    }

    public record InviteLearner(String externalLearnerId, String email, List<String> runCodes, Instant expiresAt) {
    }

    /**
     * An invitation as its inviter sees it.
     *
     * @param shareLinkActive whether the invitation has a shareable link that still works (it is pending)
     * @param shareLink the shareable link itself: only in the answer that issued it, null everywhere else
     */
    public record ProgrammeInvitation(@JsonUnwrapped InvitationView invitation, boolean shareLinkActive,
            String shareLink) {
    }

    /**
     * Invites one learner: one pending invitation per chosen run (all runs when none is named), each holding a seat.
     * All or nothing: any refusal (permission, learner id, seats, already invited or enrolled) changes nothing.
     * Each invitation gets a shareable link, returned only here.
     */
    @Transactional
    public List<ProgrammeInvitation> invite(String orgCode, String programmeCode, InviteLearner request, Caller caller) {
        Organisation org = organisations.require(orgCode);
        Product programme = catalogue.requireProgramme(programmeCode);
        checkMayInvite(caller, orgCode, programmeCode);
        String email = EmailAddresses.requireValid(request.email(), "email");
        String learnerId = validLearnerId(request.externalLearnerId());
        Instant expiresAt = expiry(request.expiresAt());
        List<ProgrammeRun> runs = chosenRuns(programme, request.runCodes());
        accounts.checkLearnerId(org.id(), learnerId, email);
        invitations.checkPendingLearnerId(org.id(), learnerId, email);

        Map<Long, SeatPool> poolOfRun = new LinkedHashMap<>();
        Map<Long, Integer> neededPerPool = new LinkedHashMap<>();
        for (ProgrammeRun run : runs) {
            if (accounts.isEnrolledOnRun(email, run.id())) {
                throw new ConflictException(email + " is already enrolled on run " + run.code());
            }
            invitations.pendingFor(org.id(), Normalise.email(email), run.id()).ifPresent(existing -> {
                throw new ConflictException(email + " already has a pending invitation (#" + existing + ") to run "
                        + run.code());
            });
            SeatPool pool = licensing.livePool(org.id(), null, programme.id(), run.id())
                    .or(() -> licensing.livePool(org.id(), null, programme.id(), null))
                    .orElseThrow(() -> new ConflictException("no seats for " + programmeCode + "/" + run.code()
                            + " in this organisation"));
            poolOfRun.put(run.id(), pool);
            neededPerPool.merge(pool.id(), 1, Integer::sum);
        }
        Instant now = Instant.now(clock);
        List<PoolDemand> demands = neededPerPool.entrySet().stream().map(e -> {
            SeatPool pool = poolOfRun.values().stream().filter(p -> p.id() == e.getKey()).findFirst().orElseThrow();
            return new PoolDemand(pool.id(), pool.label(), e.getValue(), pool.free(), pool.validUntil(), now);
        }).toList();
        seatEligibility.decide(demands).stream().filter(PoolVerdict::refused).findFirst().ifPresent(refused -> {
            throw new ConflictException(refused.reason());
        });

        List<ProgrammeInvitation> created = new ArrayList<>();
        for (ProgrammeRun run : runs) {
            long id = invitations.inviteToProgrammeRun(new ProgrammeInvitationRequest(org.id(), programme.id(),
                    run.id(), run.code(), poolOfRun.get(run.id()).id(), email, learnerId, expiresAt), caller.userId());
            String shareLink = shareLinks.issue(id);
            created.add(new ProgrammeInvitation(invitations.require(org.id(), id), true, shareLink));
        }
        return created;
    }

    public List<InvitationView> invitationsOfRun(String orgCode, String programmeCode, String runCode, Caller caller) {
        Organisation org = organisations.require(orgCode);
        Product programme = catalogue.requireProgramme(programmeCode);
        checkMayInvite(caller, orgCode, programmeCode);
        return invitations.forRun(org.id(), catalogue.requireRun(programme, runCode).id());
    }

    public List<LearnerAccounts.RunEnrolment> enrolmentsOfRun(String orgCode, String programmeCode, String runCode,
            Caller caller) {
        Organisation org = organisations.require(orgCode);
        Product programme = catalogue.requireProgramme(programmeCode);
        checkMayInvite(caller, orgCode, programmeCode);
        return accounts.enrolledOnRun(org.id(), catalogue.requireRun(programme, runCode).id());
    }

    @Transactional
    public InvitationView cancel(String orgCode, String programmeCode, long invitationId, Caller caller) {
        InvitationView invitation = requireOfProgramme(orgCode, programmeCode, invitationId, caller);
        return invitations.cancel(organisations.require(orgCode).id(), invitation.id(), caller.userId());
    }

    /** One invitation for its inviter: whether it has a working shareable link, but never the link itself. */
    public ProgrammeInvitation invitation(String orgCode, String programmeCode, long invitationId, Caller caller) {
        InvitationView invitation = requireOfProgramme(orgCode, programmeCode, invitationId, caller);
        return new ProgrammeInvitation(invitation, isPending(invitation) && shareLinks.isIssued(invitationId), null);
    }

    /**
     * A new shareable link for a pending invitation, for an inviter who lost the first one: the earlier link stops
     * working. Refused with a conflict for an invitation that is no longer pending.
     */
    @Transactional
    public ProgrammeInvitation newShareLink(String orgCode, String programmeCode, long invitationId, Caller caller) {
        InvitationView invitation = requireOfProgramme(orgCode, programmeCode, invitationId, caller);
        if (!isPending(invitation)) {
            throw new ConflictException("Invitation " + invitationId + " is " + invitation.status()
                    + (invitation.status().equals("PENDING") ? " but expired" : "")
                    + "; only a pending invitation gets a new link");
        }
        return new ProgrammeInvitation(invitation, true, shareLinks.issue(invitationId));
    }

    private boolean isPending(InvitationView invitation) {
        return "PENDING".equals(invitation.status()) && invitation.expiresAt().isAfter(Instant.now(clock));
    }

    private InvitationView requireOfProgramme(String orgCode, String programmeCode, long invitationId, Caller caller) {
        Organisation org = organisations.require(orgCode);
        catalogue.requireProgramme(programmeCode);
        checkMayInvite(caller, orgCode, programmeCode);
        InvitationView invitation = invitations.require(org.id(), invitationId);
        if (!programmeCode.equals(invitation.productCode())) {
            throw new com.seatflow.platform.NotFoundException("Programme " + programmeCode + " has no invitation "
                    + invitationId);
        }
        return invitation;
    }

    private static void checkMayInvite(Caller caller, String orgCode, String programmeCode) {
        if (!ProgrammeRoles.mayInvite(caller.groups(), orgCode, programmeCode)) {
            throw new AccessDeniedException("Inviting learners to " + programmeCode + " needs the learning-manager "
                    + "permission of " + orgCode + " or the programme-learner-admin permission for " + programmeCode);
        }
    }

    private static String validLearnerId(String learnerId) {
        if (learnerId == null || learnerId.isBlank() || learnerId.strip().length() > 64) {
            throw new IllegalArgumentException("externalLearnerId is required (at most 64 characters)");
        }
        return learnerId.strip();
    }

    private Instant expiry(Instant requested) {
        Instant now = Instant.now(clock);
        if (requested == null) {
            return now.plus(policy.validityOf("PROGRAMME", false));
        }
        Duration longest = policy.validityOf("PROGRAMME", true);
        if (!requested.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt " + requested + " is in the past");
        }
        if (requested.isAfter(now.plus(longest))) {
            throw new IllegalArgumentException("expiresAt " + requested + " is more than " + longest.toDays()
                    + " days ahead");
        }
        return requested;
    }

    private List<ProgrammeRun> chosenRuns(Product programme, List<String> runCodes) {
        if (runCodes == null || runCodes.isEmpty()) {
            List<ProgrammeRun> all = catalogue.runs(programme.id());
            if (all.isEmpty()) {
                throw new ConflictException("Programme " + programme.code() + " has no runs yet");
            }
            return all;
        }
        for (int i = 0; i < runCodes.size(); i++) {
            if (runCodes.get(i) == null || runCodes.get(i).isBlank()) {
                throw new IllegalArgumentException("runCodes[" + i + "] is empty: name a run of " + programme.code()
                        + ", or leave runCodes out for all of them");
            }
        }
        return runCodes.stream().distinct().map(code -> catalogue.requireRun(programme, code)).toList();
    }
}
