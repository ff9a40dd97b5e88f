package com.seatflow.invitation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.notification.Outbox;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.LearnerAccounts;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.EmailAddresses;
import com.seatflow.platform.LearningPlatform;
import com.seatflow.platform.PersonNames;
import com.seatflow.platform.Normalise;
import com.seatflow.platform.SqlTime;
import com.seatflow.rules.InvitationPolicy;
import com.seatflow.rules.PoolDemand;
import com.seatflow.rules.PoolVerdict;
import com.seatflow.rules.SeatEligibility;

/**
 * The email way into a group (seed 003): someone who already has an account is added at once (a seat of every module
 * consumed) and told so by mail; a newcomer gets an account and a pending invitation holding those seats, with a
 * one-time link to set their password. Never a password in a mail.
 */
@Service
public class GroupInvitations {

    public record GroupInvitationResult(String outcome, String email, Long invitationId) {
    }

    private final OrganisationManagement organisations;
    private final GroupManagement groups;
    private final LearnerAccounts accounts;
    private final LicensingManagement licensing;
    private final LearnerInvitations invitations;
    private final SeatEligibility seatEligibility;
    private final InvitationPolicy policy;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final LearningPlatform platform;

    GroupInvitations(OrganisationManagement organisations, GroupManagement groups, LearnerAccounts accounts,
            LicensingManagement licensing, LearnerInvitations invitations, SeatEligibility seatEligibility,
            InvitationPolicy policy, Outbox outbox, JdbcClient jdbc, Clock clock, LearningPlatform platform) {
        this.organisations = organisations;
        this.groups = groups;
        this.accounts = accounts;
        this.licensing = licensing;
        this.invitations = invitations;
        this.seatEligibility = seatEligibility;
        this.policy = policy;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
        this.platform = platform;
    }

    @Transactional
    public GroupInvitationResult invite(String orgCode, String groupCode, String email, String firstName,
            String lastName, String actor) {
        var org = organisations.require(orgCode);
        LearnerGroup group = organisations.findGroup(org.id(), groupCode).orElseThrow(
                () -> new com.seatflow.platform.NotFoundException("Organisation " + orgCode + " has no group '" + groupCode + "'"));
        String address = EmailAddresses.requireValid(email, "email");
        String first = PersonNames.require("firstName", firstName);
        String last = PersonNames.require("lastName", lastName);
        organisations.lock(org.id());
        List<SeatPool> pools = livePoolsOf(group);
        if (pools.isEmpty()) {
            throw new ConflictException("Group " + groupCode + " has no seats: buy seats for it first");
        }
        var existing = accounts.byEmail(address);
        if (existing.isPresent() && isMember(group.id(), existing.get().id())) {
            throw new ConflictException(address + " is already a member of group " + groupCode);
        }
        invitations.pendingInGroup(group.id(), Normalise.email(address)).ifPresent(id -> {
            throw new ConflictException(address + " already has a pending invitation (#" + id + ") to group " + groupCode);
        });
        decideSeats(pools);
        if (existing.isPresent() && existing.get().hasPassword()) {
            long accountId = existing.get().id();
            groups.addMember(group.id(), accountId);
            for (SeatPool pool : pools) {
                licensing.apply(pool.id(), LedgerEntryType.CONSUME, 0, 0, 1, actor, address + " added to group "
                        + groupCode, LedgerSource.api("group-" + group.id()));
                invitations.enrol(accountId, pool, null);
            }
            outbox.enqueue("GROUP_ADDED", List.of(address), GroupAddedMail.subject(org.name(), group.name()),
                    GroupAddedMail.body(existing.get().firstName() == null ? first : existing.get().firstName(),
                            org.name(), group.name(), platform.named(), false));
            return new GroupInvitationResult("ADDED", address, null);
        }
        accounts.findOrCreate(address, first, last, null);
        long invitationId = insertInvitation(org.id(), group.id(), address, first, last);
        for (SeatPool pool : pools) {
            jdbc.sql("INSERT INTO invitation_seat (invitation_id, pool_id) VALUES (?, ?)").params(invitationId, pool.id())
                    .update();
            licensing.reserve(pool.id(), 1, actor, "invitation #" + invitationId + " to group " + groupCode,
                    LedgerSource.api("invitation-" + invitationId));
        }
        outbox.enqueueInvitation("GROUP_INVITATION", invitationId, address);
        return new GroupInvitationResult("INVITED", address, invitationId);
    }

    /** Sends the invitation again with a new link; the old link stops working once the new mail is sent. */
    @Transactional
    public InvitationView resend(String orgCode, String groupCode, long invitationId) {
        InvitationView invitation = ofGroup(orgCode, groupCode, invitationId);
        if (!"PENDING".equals(invitation.status())) {
            throw new ConflictException("Invitation " + invitationId + " is " + invitation.status()
                    + "; only a pending invitation can be sent again");
        }
        outbox.enqueueInvitation("GROUP_INVITATION", invitationId, invitation.email());
        return invitation;
    }

    @Transactional
    public InvitationView cancel(String orgCode, String groupCode, long invitationId, String actor) {
        InvitationView invitation = ofGroup(orgCode, groupCode, invitationId);
        return invitations.cancel(organisations.require(orgCode).id(), invitation.id(), actor);
    }

    public List<InvitationView> list(String orgCode, String groupCode) {
        var org = organisations.require(orgCode);
        LearnerGroup group = organisations.findGroup(org.id(), groupCode).orElseThrow(
                () -> new com.seatflow.platform.NotFoundException("Organisation " + orgCode + " has no group '" + groupCode + "'"));
        return invitations.forGroup(org.id(), group.id());
    }

    private InvitationView ofGroup(String orgCode, String groupCode, long invitationId) {
        var org = organisations.require(orgCode);
        InvitationView invitation = invitations.require(org.id(), invitationId);
        if (!groupCode.equals(invitation.groupCode())) {
            throw new com.seatflow.platform.NotFoundException("Group " + groupCode + " has no invitation " + invitationId);
        }
        return invitation;
    }

    private List<SeatPool> livePoolsOf(LearnerGroup group) {
        Instant now = Instant.now(clock);
        return licensing.poolsOf(group.orgId()).stream()
                .filter(p -> p.groupId() != null && p.groupId() == group.id() && !p.expiredAt(now)).toList();
    }

    private void decideSeats(List<SeatPool> pools) {
        Instant now = Instant.now(clock);
        seatEligibility.decide(pools.stream()
                .map(p -> new PoolDemand(p.id(), p.label(), 1, p.free(), p.validUntil(), now)).toList())
                .stream().filter(PoolVerdict::refused).findFirst().ifPresent(refused -> {
                    throw new ConflictException(refused.reason());
                });
    }

    private boolean isMember(long groupId, long accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ? AND user_id = ?")
                .params(groupId, accountId).query(Integer.class).single() > 0;
    }

    private long insertInvitation(long orgId, long groupId, String email, String first, String last) {
        var key = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, group_id, email, email_norm, first_name, last_name, status,
                                        expires_at, created_at)
                VALUES ('GROUP', ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(orgId, groupId, email, Normalise.email(email), first, last,
                        SqlTime.of(Instant.now(clock).plus(policy.validityOf("GROUP", false))), now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }
}
