package com.seatflow.chain.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.chain.ChainLink;
import com.seatflow.chain.ChainLinkStatus;
import com.seatflow.chain.ChainManagement;
import com.seatflow.chain.ChainTransfer;

/** Chain management of organisation {@code org}, as one of its admins (chain managers cannot use these). */
@RestController
class ChainController {

    private final ChainManagement chains;

    ChainController(ChainManagement chains) {
        this.chains = chains;
    }

    record JoinRequest(String head) {
    }

    record Invitation(String member) {
    }

    record TransferRequest(Long poolId, Integer seats) {
    }

    /**
     * A link as organisation {@code viewer} sees it: {@code otherOrg} is the other side, {@code yourAnswerNeeded}
     * says that the request waits for the viewer's admins.
     */
    record LinkView(long id, String head, String headName, String member, String memberName, String status,
            String initiatedBy, String otherOrg, boolean yourAnswerNeeded, String requestedBy, Instant requestedAt,
            Instant expiresAt, String answeredBy, Instant answeredAt, String endedBy, Instant endedAt) {

        static LinkView of(ChainLink link, String viewer) {
            return new LinkView(link.id(), link.headCode(), link.headName(), link.memberCode(), link.memberName(),
                    link.status().name(), link.initiatedBy(),
                    viewer.equals(link.headCode()) ? link.memberCode() : link.headCode(),
                    link.status() == ChainLinkStatus.PENDING
                            && viewer.equals(link.answeringOrgCode()),
                    link.requestedBy(), link.requestedAt(), link.expiresAt(), link.answeredBy(), link.answeredAt(),
                    link.endedBy(), link.endedAt());
        }
    }

    record MembershipView(LinkView chain, List<LinkView> requests) {
    }

    @PostMapping("/api/orgs/{org}/chain/requests")
    @ResponseStatus(HttpStatus.CREATED)
    LinkView requestToJoin(@PathVariable String org, @RequestBody JoinRequest request, Principal user) {
        return LinkView.of(chains.requestToJoin(org, request.head(), user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    LinkView invite(@PathVariable String org, @RequestBody Invitation invitation, Principal user) {
        return LinkView.of(chains.invite(org, invitation.member(), user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/links/{linkId}/accept")
    LinkView accept(@PathVariable String org, @PathVariable long linkId, Principal user) {
        return LinkView.of(chains.answer(org, linkId, true, user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/links/{linkId}/decline")
    LinkView decline(@PathVariable String org, @PathVariable long linkId, Principal user) {
        return LinkView.of(chains.answer(org, linkId, false, user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/links/{linkId}/withdraw")
    LinkView withdraw(@PathVariable String org, @PathVariable long linkId, Principal user) {
        return LinkView.of(chains.withdraw(org, linkId, user.getName()), org);
    }

    @GetMapping("/api/orgs/{org}/chain/members")
    List<LinkView> members(@PathVariable String org, @RequestParam(defaultValue = "false") boolean all) {
        return chains.members(org, all).stream().map(link -> LinkView.of(link, org)).toList();
    }

    @GetMapping("/api/orgs/{org}/chain/membership")
    MembershipView membership(@PathVariable String org, @RequestParam(defaultValue = "false") boolean all) {
        ChainManagement.Membership membership = chains.membership(org, all);
        return new MembershipView(membership.chain() == null ? null : LinkView.of(membership.chain(), org),
                membership.requests().stream().map(link -> LinkView.of(link, org)).toList());
    }

    @DeleteMapping("/api/orgs/{org}/chain/members/{member}")
    LinkView remove(@PathVariable String org, @PathVariable String member, Principal user) {
        return LinkView.of(chains.remove(org, member, user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/leave")
    LinkView leave(@PathVariable String org, Principal user) {
        return LinkView.of(chains.leave(org, user.getName()), org);
    }

    @PostMapping("/api/orgs/{org}/chain/members/{member}/transfers")
    ChainTransfer transfer(@PathVariable String org, @PathVariable String member,
            @RequestBody TransferRequest transfer, Principal user) {
        return chains.transfer(org, member, transfer.poolId(), transfer.seats(), user.getName());
    }
}
