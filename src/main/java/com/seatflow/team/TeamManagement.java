package com.seatflow.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.organisation.Person;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.PersonNames;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.Normalise;
import com.seatflow.rules.AdminInvitationRequest;
import com.seatflow.rules.InvitationPolicy;
import com.seatflow.rules.TeamPolicy;

/**
 * The team module's entry point. Every administrator of an organisation (a member of its Camunda group
 * {@code org-<code>-admins}) has the same rights, including inviting more. An invitation runs as the admin-invitation
 * process ({@link AdminInvitationWorkflow}): the team-policy rules first, then the mail, then a wait for the answer
 * that ends when the invitation's validity runs out and starts again when it is resent.
 */
@Service
public class TeamManagement {

    static final String KIND = "ADMIN";
    static final String MAIL_TEMPLATE = "ADMIN_INVITATION";
    private static final Logger log = LoggerFactory.getLogger(TeamManagement.class);
    /** A new account's user id is its email address, so it must be a valid Camunda id (see generalResourceWhitelistPattern). */
    private static final Pattern USER_ID = Pattern.compile("[a-z0-9._@-]{1,64}");

    private final AdminInvitations invitations;
    private final AdminInvitationWorkflow workflow;
    private final OrganisationManagement organisations;
    private final LicensingManagement licensing;
    private final Identities identities;
    private final Outbox outbox;
    private final TeamPolicy teamPolicy;
    private final InvitationPolicy invitationPolicy;
    private final LearnerAccounts learnerAccounts;
    private final Clock clock;

    TeamManagement(AdminInvitations invitations, AdminInvitationWorkflow workflow,
            OrganisationManagement organisations, LicensingManagement licensing, Identities identities, Outbox outbox,
            TeamPolicy teamPolicy, InvitationPolicy invitationPolicy, LearnerAccounts learnerAccounts, Clock clock) {
        this.invitations = invitations;
        this.learnerAccounts = learnerAccounts;
        this.workflow = workflow;
        this.organisations = organisations;
        this.licensing = licensing;
        this.identities = identities;
        this.outbox = outbox;
        this.teamPolicy = teamPolicy;
        this.invitationPolicy = invitationPolicy;
        this.clock = clock;
    }

    /** The organisation's administrators, then its pending invitations (expired ones included, marked). */
    public Team team(String orgCode) {
        Organisation org = organisations.require(orgCode);
        Instant now = Instant.now(clock);
        List<TeamMember> members = Stream.concat(
                identities.membersOf(OrgRoles.adminGroup(org.code())).stream().map(TeamMember::active),
                invitations.openOf(org.id()).stream().map(invitation -> TeamMember.pending(invitation, now))).toList();
        return new Team(org.code(), org.name(), members);
    }

    /**
     * Invites someone to the organisation's administrators. Refused, with nothing recorded, when the address is
     * already an administrator or has an open invitation, or when the team-policy rules say no (the organisation has
     * no licences yet).
     */
    @Transactional
    public TeamMember invite(String orgCode, String email, String firstName, String lastName, String invitedBy) {
        Organisation org = organisations.require(orgCode);
        String address = EmailAddresses.requireValid(email, "email");
        String first = PersonNames.require("firstName", firstName);
        String last = PersonNames.require("lastName", lastName);
        Optional<String> account = accountOf(address);
        if (account.isEmpty() && !USER_ID.matcher(Normalise.email(address)).matches()) {
            throw new IllegalArgumentException("email '" + address + "' cannot become a Seatflow user name: use at "
                    + "most 64 letters, digits and the characters . _ @ -");
        }
        organisations.lock(org.id());
        if (account.isPresent() && identities.groupsOf(account.get()).contains(OrgRoles.adminGroup(org.code()))) {
            throw new ConflictException(address + " is already an administrator of " + org.name());
        }
        invitations.openFor(org.id(), address).ifPresent(open -> {
            throw new ConflictException("An invitation to " + open.email() + " is already pending"
                    + ("EXPIRED".equals(open.status()) ? " (expired)" : "") + " as invitation " + open.id()
                    + ": resend it or revoke it");
        });
        String inviterName = identities.person(invitedBy).map(Person::displayName).orElse(invitedBy);
        var outcome = workflow.start(new NewAdminInvitation(org.id(), address, first, last, invitedBy, inviterName));
        if (outcome.refusal() != null) {
            throw new ConflictException(outcome.refusal());
        }
        log.info("{} invited {} to the administrators of {} (invitation {})", invitedBy, address, org.code(),
                outcome.invitationId());
        return TeamMember.pending(invitations.require(outcome.invitationId()), Instant.now(clock));
    }

    /** Sends a pending or expired invitation again with a new link; the old link stops working at once. */
    @Transactional
    public TeamMember resend(String orgCode, long invitationId, String actor) {
        AdminInvitation invitation = openIn(orgCode, invitationId, "resent");
        workflow.resend(invitation.id());
        log.info("{} resent administrator invitation {} to {}", actor, invitation.id(), invitation.email());
        return TeamMember.pending(invitations.require(invitation.id()), Instant.now(clock));
    }

    /** Withdraws a pending (or expired) invitation: it leaves the team list and its link no longer works. */
    @Transactional
    public void revoke(String orgCode, long invitationId, String actor) {
        AdminInvitation invitation = openIn(orgCode, invitationId, "revoked");
        if (!invitations.move(invitation.id(), List.of("PENDING", "EXPIRED"), "REVOKED")) {
            throw new ConflictException("Invitation " + invitationId + " was answered meanwhile; it cannot be revoked");
        }
        workflow.answered(invitation.id(), "REVOKED");
        log.info("{} revoked administrator invitation {} to {}", actor, invitation.id(), invitation.email());
    }

    private AdminInvitation openIn(String orgCode, long invitationId, String action) {
        Organisation org = organisations.require(orgCode);
        AdminInvitation invitation = invitations.find(invitationId).filter(i -> i.orgId() == org.id())
                .orElseThrow(() -> new NotFoundException(
                        "Organisation " + orgCode + " has no administrator invitation " + invitationId));
        if (!invitation.open()) {
            throw new ConflictException("Invitation " + invitationId + " is " + invitation.status()
                    + ": only pending invitations can be " + action);
        }
        return invitation;
    }

    // The admin-invitation process's steps.

    /** Why the team-policy rules refuse a new administrator for this organisation, if they do. */
    public Optional<String> refusalToInvite(long orgId) {
        Organisation org = organisations.byId(orgId);
        Instant now = Instant.now(clock);
        boolean hasLicences = licensing.poolsOf(orgId).stream()
                .anyMatch(pool -> pool.total() > 0 && (pool.validUntil() == null || pool.validUntil().isAfter(now)));
        return teamPolicy.refusalOf(new AdminInvitationRequest(org.code(), hasLicences));
    }

    @Transactional
    public long record(NewAdminInvitation invitation) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return invitations.insert(invitation, now.plus(validity()), now);
    }

    /**
     * Queues the invitation mail (its link is made when it is sent) and starts the invitation's validity afresh;
     * returns that validity, which the process waits for.
     */
    @Transactional
    public Duration send(long invitationId) {
        Duration validity = validity();
        if (!invitations.renew(invitationId, OffsetDateTime.now(clock).plus(validity))) {
            throw new ConflictException("Invitation " + invitationId + " is no longer pending; it cannot be sent");
        }
        outbox.enqueueInvitation(MAIL_TEMPLATE, invitationId, invitations.require(invitationId).email());
        return validity;
    }

    @Transactional
    public void expire(long invitationId) {
        if (invitations.move(invitationId, List.of("PENDING"), "EXPIRED")) {
            log.info("Administrator invitation {} expired", invitationId);
        }
    }

    private Duration validity() {
        return invitationPolicy.validityOf(KIND, false);
    }

    // The invitee's answers, from the invitation page.

    /** What the invitation page shows: who invited whom, and a warning if the invitee already has an account. */
    AdminInvitationOffer offer(long invitationId) {
        AdminInvitation invitation = invitations.require(invitationId);
        Optional<String> account = accountOf(invitation.email());
        return new AdminInvitationOffer(invitation, account,
                account.isEmpty() && learnerAccounts.byEmail(invitation.email()).isPresent());
    }

    /**
     * @param existingAccount the Seatflow user the invitee joins with
     * @param learnerAccount the invitee has no Seatflow user yet but a learner account with the same address, whose
     *                       licences and course history stay with it
     */
    record AdminInvitationOffer(AdminInvitation invitation, Optional<String> existingAccount, boolean learnerAccount) {
    }

    /**
     * Makes the invitee an administrator: an existing account (same email) joins as it is; otherwise an account is
     * created whose user name is the email address, with the password chosen on the page.
     */
    @Transactional
    void accept(long invitationId, AcceptanceForm form) {
        AdminInvitation invitation = invitations.require(invitationId);
        Optional<String> account = accountOf(invitation.email());
        String password = account.isEmpty() ? form.newPassword() : null;
        if (!invitations.answer(invitationId, "ACCEPTED", OffsetDateTime.now(clock))) {
            throw new ConflictException("This invitation is no longer pending; it cannot be accepted");
        }
        String userId = account.orElseGet(() -> createAccount(invitation, password));
        String group = OrgRoles.adminGroup(invitation.orgCode());
        identities.addToGroup(userId, group, invitation.orgName() + " administrators");
        workflow.answered(invitationId, "ACCEPTED");
        log.info("{} accepted administrator invitation {} and joined {}", userId, invitationId, invitation.orgCode());
    }

    /** Who the invitee of an accepted invitation signs in as. */
    String acceptedNote(long invitationId) {
        AdminInvitation invitation = invitations.require(invitationId);
        String userId = accountOf(invitation.email()).orElseGet(() -> Normalise.email(invitation.email()));
        return "Welcome to the administrators of " + invitation.orgName() + ": sign in to the Tasklist as " + userId
                + " with your password.";
    }

    private String createAccount(AdminInvitation invitation, String password) {
        String userId = Normalise.email(invitation.email());
        if (identities.userExists(userId)) {
            throw new ConflictException("A user named " + userId + " exists with another email address; "
                    + "ask support to sort out the account before accepting");
        }
        identities.createUser(userId, invitation.firstName(), invitation.lastName(), userId, password);
        return userId;
    }

    @Transactional
    void decline(long invitationId) {
        AdminInvitation invitation = invitations.require(invitationId);
        if (!invitations.answer(invitationId, "DECLINED", OffsetDateTime.now(clock))) {
            throw new ConflictException("This invitation is no longer pending; it cannot be declined");
        }
        workflow.answered(invitationId, "DECLINED");
        log.info("Administrator invitation {} to {} declined", invitationId, invitation.email());
    }

    // The signed-in user's own profile.

    public Person profile(String userId) {
        return identities.person(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    /** Changes the signed-in user's own name; there is deliberately no way to change someone else's. */
    @Transactional
    public Person rename(String userId, String firstName, String lastName) {
        identities.rename(userId, PersonNames.require("firstName", firstName), PersonNames.require("lastName", lastName));
        return profile(userId);
    }

    private Optional<String> accountOf(String email) {
        String normalised = Normalise.email(email);
        return identities.userIdByEmail(normalised)
                .or(() -> normalised.equals(email) ? Optional.empty() : identities.userIdByEmail(email));
    }
}
