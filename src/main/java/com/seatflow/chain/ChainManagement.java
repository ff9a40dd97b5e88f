package com.seatflow.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LedgerEntryType;
import com.seatflow.licensing.LedgerSource;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;
import com.seatflow.rules.ChainLinkProposal;
import com.seatflow.rules.ChainPolicy;
import com.seatflow.rules.ChainVerdict;
import com.seatflow.rules.InvitationPolicy;

/**
 * Chains of organisations: requests to join and invitations, their answers (through the chain-join process), the
 * links they make, leaving and removal, and seat transfers between a head and its members. Every decision that
 * changes a link locks both organisations (lowest id first) so that the chain-policy facts cannot change under it.
 */
@Service
public class ChainManagement {

    private final ChainLinks links;
    private final OrganisationManagement organisations;
    private final LicensingManagement licensing;
    private final ChainPolicy policy;
    private final InvitationPolicy invitationPolicy;
    private final ChainWorkflow workflow;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChainManagement(ChainLinks links, OrganisationManagement organisations, LicensingManagement licensing,
            ChainPolicy policy, InvitationPolicy invitationPolicy, ChainWorkflow workflow,
            ApplicationEventPublisher events, Clock clock) {
        this.links = links;
        this.organisations = organisations;
        this.licensing = licensing;
        this.policy = policy;
        this.invitationPolicy = invitationPolicy;
        this.workflow = workflow;
        this.events = events;
        this.clock = clock;
    }

    /** What an organisation sees as a (would-be) member: the chain it is in, and requests and invitations. */
    public record Membership(ChainLink chain, List<ChainLink> requests) {
    }

    /** {@code memberCode} asks to join the chain headed by {@code headCode}; the head's admins answer. */
    @Transactional
    public ChainLink requestToJoin(String memberCode, String headCode, String actor) {
        return propose(organisations.require(requireCode(headCode, "head")), organisations.require(memberCode),
                ChainLink.MEMBER, actor);
    }

    /** The chain manager of {@code headCode} invites {@code memberCode}; the member's admins answer. */
    @Transactional
    public ChainLink invite(String headCode, String memberCode, String actor) {
        return propose(organisations.require(headCode), organisations.require(requireCode(memberCode, "member")),
                ChainLink.HEAD, actor);
    }

    private ChainLink propose(Organisation head, Organisation member, String initiatedBy, String actor) {
        lock(head.id(), member.id());
        enforcePolicy(head, member, null);
        Duration validity = invitationPolicy.validityOf("CHAIN", false);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long linkId = links.insertPending(head.id(), member.id(), initiatedBy, actor, now, now.plus(validity));
        ChainLink link = links.find(linkId).orElseThrow();
        String requester = describe(ChainLink.MEMBER.equals(initiatedBy) ? member : head);
        String question = ChainLink.MEMBER.equals(initiatedBy)
                ? requester + " asks to join the chain of " + describe(head) + ". If you accept, your admins can act"
                        + " inside " + member.name() + ", see its users and move licences to and from it."
                : requester + " invites " + describe(member) + " to join its chain. If you accept, the admins of "
                        + head.name() + " can act inside your organisation, see your users and move licences to and"
                        + " from it.";
        String processId = workflow.start(linkId, OrgRoles.adminGroup(link.answeringOrgCode()), validity,
                Map.of("headOrganisation", describe(head), "memberOrganisation", describe(member),
                        "requestedBy", actor, "requester", requester, "question", question));
        links.attachProcess(linkId, processId);
        link = links.find(linkId).orElseThrow();
        events.publishEvent(new ChainRequestMade(link));
        return link;
    }

    /** An admin of {@code orgCode} answers a request waiting for that organisation, as in the Tasklist. */
    @Transactional
    public ChainLink answer(String orgCode, long linkId, boolean accept, String actor) {
        Organisation org = organisations.require(orgCode);
        ChainLink link = linkOf(org, linkId);
        if (!link.answeringOrgCode().equals(org.code())) {
            throw new ConflictException("Chain request " + linkId + " waits for an answer from "
                    + link.answeringOrgCode() + ", not from " + org.code());
        }
        lock(link.headOrgId(), link.memberOrgId());
        requireOpen(links.find(linkId).orElseThrow());
        if (accept) {
            // Checked here too (the process's delegate checks again) so that a refusal is not an engine error.
            enforcePolicy(organisations.byId(link.headOrgId()), organisations.byId(link.memberOrgId()), linkId);
        }
        workflow.answer(linkId, accept, actor);
        return links.find(linkId).orElseThrow();
    }

    /** The organisation that asked or invited takes its pending request back. */
    @Transactional
    public ChainLink withdraw(String orgCode, long linkId, String actor) {
        Organisation org = organisations.require(orgCode);
        ChainLink link = linkOf(org, linkId);
        if (!link.requestingOrgCode().equals(org.code())) {
            throw new ConflictException("Only " + link.requestingOrgCode() + " can withdraw chain request " + linkId
                    + "; " + org.code() + " answers it instead");
        }
        lock(link.headOrgId(), link.memberOrgId());
        requireOpen(links.find(linkId).orElseThrow());
        links.closePending(linkId, ChainLinkStatus.WITHDRAWN, actor, OffsetDateTime.now(clock));
        workflow.withdraw(linkId);
        ChainLink withdrawn = links.find(linkId).orElseThrow();
        events.publishEvent(new ChainRequestClosed(withdrawn));
        return withdrawn;
    }

    /** Called by the chain-join process when the answering side accepts: checks the chain policy again, links. */
    @Transactional
    public void recordAcceptance(long linkId, String actor) {
        ChainLink link = lockedPending(linkId);
        enforcePolicy(organisations.byId(link.headOrgId()), organisations.byId(link.memberOrgId()), linkId);
        links.activate(linkId, actor, OffsetDateTime.now(clock));
        events.publishEvent(new ChainRequestClosed(links.find(linkId).orElseThrow()));
    }

    /** Called by the chain-join process when the answering side declines. */
    @Transactional
    public void recordDecline(long linkId, String actor) {
        lockedPending(linkId);
        links.closePending(linkId, ChainLinkStatus.DECLINED, actor, OffsetDateTime.now(clock));
        events.publishEvent(new ChainRequestClosed(links.find(linkId).orElseThrow()));
    }

    /** Called by the chain-join process's timer: a request nobody answered in time expires. */
    @Transactional
    public void recordExpiry(long linkId) {
        ChainLink link = links.find(linkId).orElseThrow(() -> new NotFoundException("No chain request " + linkId));
        lock(link.headOrgId(), link.memberOrgId());
        if (links.closePending(linkId, ChainLinkStatus.EXPIRED, "system", OffsetDateTime.now(clock))) {
            events.publishEvent(new ChainRequestClosed(links.find(linkId).orElseThrow()));
        }
    }

    /** The member leaves its chain; the head's admins lose access at once. */
    @Transactional
    public ChainLink leave(String memberCode, String actor) {
        Organisation member = organisations.require(memberCode);
        ChainLink link = links.activeLinkOf(member.id()).orElseThrow(
                () -> new ConflictException("Organisation " + memberCode + " is not a member of any chain"));
        return end(link, ChainLinkStatus.LEFT, actor);
    }

    /** The chain manager removes a member; the head's admins lose access at once. */
    @Transactional
    public ChainLink remove(String headCode, String memberCode, String actor) {
        Organisation head = organisations.require(headCode);
        Organisation member = organisations.require(memberCode);
        return end(activeLink(head, member), ChainLinkStatus.REMOVED, actor);
    }

    private ChainLink end(ChainLink link, ChainLinkStatus status, String actor) {
        lock(link.headOrgId(), link.memberOrgId());
        if (!links.end(link.id(), status, actor, OffsetDateTime.now(clock))) {
            throw new ConflictException("Organisation " + link.memberCode() + " is no longer a member of the chain of "
                    + link.headCode());
        }
        ChainLink ended = links.find(link.id()).orElseThrow();
        events.publishEvent(new ChainLinkEnded(ended));
        return ended;
    }

    /** The "Members" view: the organisations in the chain the organisation heads, and pending requests. */
    public List<ChainLink> members(String headCode, boolean includeClosed) {
        return links.ofHead(organisations.require(headCode).id(), includeClosed);
    }

    /** The "Membership" view: the chain the organisation is in, and its pending requests and invitations. */
    public Membership membership(String orgCode, boolean includeClosed) {
        Organisation org = organisations.require(orgCode);
        return new Membership(links.activeLinkOf(org.id()).orElse(null),
                links.requestsOfMember(org.id(), includeClosed));
    }

    /**
     * Moves seats between the head and an active member: out of {@code poolId} (an organisation pool of either side)
     * into the other side's pool of the same product and run, opened if needed with the same validity. Both ledger
     * entries are written in one transaction; the move is refused if the pool has fewer free seats.
     */
    @Transactional
    public ChainTransfer transfer(String headCode, String memberCode, Long poolId, Integer seats, String actor) {
        if (poolId == null) {
            throw new IllegalArgumentException("poolId is required: the seat pool the seats leave");
        }
        if (seats == null || seats <= 0) {
            throw new IllegalArgumentException("seats must be a positive number, was " + seats);
        }
        Organisation head = organisations.require(headCode);
        Organisation member = organisations.require(memberCode);
        lock(head.id(), member.id());
        ChainLink link = activeLink(head, member);
        SeatPool from = licensing.findPool(poolId).filter(p -> p.orgId() == head.id() || p.orgId() == member.id())
                .orElseThrow(() -> new NotFoundException("Neither " + headCode + " nor " + memberCode
                        + " has a seat pool " + poolId));
        if (from.groupId() != null) {
            throw new IllegalArgumentException("Seat pool " + from.label() + " belongs to a group; transfer seats from"
                    + " the organisation's own pool");
        }
        if (from.validUntil() != null && !from.validUntil().isAfter(Instant.now(clock))) {
            throw new ConflictException("Seat pool " + from.label() + " expired on " + from.validUntil()
                    + "; its seats cannot be transferred");
        }
        boolean toMember = from.orgId() == head.id();
        Organisation source = toMember ? head : member;
        Organisation target = toMember ? member : head;
        SeatPool to = licensing.orgPoolFor(target.id(), from.productId(), from.runId(), from.validUntil());
        LedgerSource ledgerSource = LedgerSource.api("chain-link-" + link.id());
        licensing.apply(from.id(), LedgerEntryType.TRANSFER_OUT, -seats, 0, 0, actor,
                "transfer to " + target.code() + " (pool " + to.id() + ")", ledgerSource);
        licensing.apply(to.id(), LedgerEntryType.TRANSFER_IN, seats, 0, 0, actor,
                "transfer from " + source.code() + " (pool " + from.id() + ")", ledgerSource);
        return new ChainTransfer(seats, licensing.pool(from.id()), licensing.pool(to.id()));
    }

    private ChainLink activeLink(Organisation head, Organisation member) {
        return links.activeLinkOf(member.id()).filter(l -> l.headOrgId() == head.id())
                .orElseThrow(() -> new ConflictException("Organisation " + member.code()
                        + " is not an active member of the chain of " + head.code()));
    }

    private ChainLink linkOf(Organisation org, long linkId) {
        return links.find(linkId).filter(l -> l.involves(org.id())).orElseThrow(
                () -> new NotFoundException("Organisation " + org.code() + " has no chain request " + linkId));
    }

    private ChainLink lockedPending(long linkId) {
        ChainLink link = links.find(linkId).orElseThrow(() -> new NotFoundException("No chain request " + linkId));
        lock(link.headOrgId(), link.memberOrgId());
        ChainLink current = links.find(linkId).orElseThrow();
        requireOpen(current);
        return current;
    }

    private void requireOpen(ChainLink link) {
        String which = "Chain request " + link.id() + " (" + link.memberCode() + " into the chain of "
                + link.headCode() + ")";
        switch (link.status()) {
            case PENDING -> {
                if (!link.expiresAt().isAfter(Instant.now(clock))) {
                    throw new ConflictException(which + " expired on " + link.expiresAt()
                            + " and can no longer be answered; ask or invite again");
                }
            }
            case EXPIRED -> throw new ConflictException(which + " expired on " + link.expiresAt()
                    + " and can no longer be answered; ask or invite again");
            case DECLINED -> throw new ConflictException(which + " was already declined by " + link.answeredBy());
            case WITHDRAWN -> throw new ConflictException(which + " was withdrawn by " + link.endedBy());
            case ACTIVE, LEFT, REMOVED -> throw new ConflictException(which + " was already accepted by "
                    + link.answeredBy() + " (link now " + link.status() + ")");
        }
    }

    private void enforcePolicy(Organisation head, Organisation member, Long exceptLinkId) {
        String currentHead = links.activeLinkOf(member.id()).map(ChainLink::headCode).orElse(null);
        boolean cycle = head.id() != member.id() && links.ancestorsOf(head.id()).contains(member.id());
        ChainVerdict verdict = policy.judge(new ChainLinkProposal(head.code(), member.code(), currentHead, cycle,
                links.activeMemberCount(head.id()), links.pendingBetween(head.id(), member.id(), exceptLinkId)));
        if (!verdict.allowed()) {
            String reason = "Refused: " + verdict.reason();
            throw verdict.badInput() ? new IllegalArgumentException(reason) : new ConflictException(reason);
        }
    }

    private void lock(long orgA, long orgB) {
        organisations.lock(Math.min(orgA, orgB));
        if (orgA != orgB) {
            organisations.lock(Math.max(orgA, orgB));
        }
    }

    private static String requireCode(String code, String what) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException(what + " is required: the code of the " + what + " organisation");
        }
        return code.trim();
    }

    private static String describe(Organisation org) {
        return org.name() + " (" + org.code() + ")";
    }
}
