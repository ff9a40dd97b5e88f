package com.seatflow.chain;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.seatflow.notification.Outbox;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/**
 * Tells the admins of the organisation concerned what happened to a chain request or link. Listens synchronously,
 * so the mail is queued in the transaction of the change. The mails carry no link token: answers are given signed
 * in, in the Tasklist or the API.
 */
@Component
class ChainMails {

    private final Outbox outbox;
    private final Identities identities;

    ChainMails(Outbox outbox, Identities identities) {
        this.outbox = outbox;
        this.identities = identities;
    }

    @EventListener
    void on(ChainRequestMade made) {
        ChainLink link = made.link();
        String what = ChainLink.MEMBER.equals(link.initiatedBy())
                ? link.memberName() + " asks to join your chain"
                : link.headName() + " invites you to join its chain";
        send("CHAIN_REQUEST", link.answeringOrgCode(), what, what + ".\n\nAccept or decline it in the Tasklist (task"
                + " \"Answer chain request\") or through the API before " + link.expiresAt() + ".\n");
    }

    @EventListener
    void on(ChainRequestClosed closed) {
        ChainLink link = closed.link();
        String outcome = switch (link.status()) {
            case ACTIVE -> "accepted, the link is active";
            case DECLINED -> "declined";
            case EXPIRED -> "expired without an answer";
            case WITHDRAWN -> "withdrawn";
            default -> link.status().name().toLowerCase(Locale.ROOT);
        };
        String subject = "Chain request " + link.memberCode() + " -> " + link.headCode() + ": " + outcome;
        String recipientOrg = link.status() == ChainLinkStatus.WITHDRAWN ? link.answeringOrgCode()
                : link.requestingOrgCode();
        send("CHAIN_ANSWER", recipientOrg, subject, subject + ".\n");
    }

    @EventListener
    void on(ChainLinkEnded ended) {
        ChainLink link = ended.link();
        String subject = link.status() == ChainLinkStatus.LEFT
                ? link.memberName() + " left the chain of " + link.headName()
                : link.memberName() + " was removed from the chain of " + link.headName();
        String otherSide = link.status() == ChainLinkStatus.LEFT ? link.headCode() : link.memberCode();
        send("CHAIN_ENDED", otherSide, subject, subject + " by " + link.endedBy()
                + ". The chain managers no longer have access to " + link.memberName() + ".\n");
    }

    private void send(String template, String orgCode, String subject, String body) {
        outbox.enqueue(template, identities.emailsOf(OrgRoles.adminGroup(orgCode)), subject, "Hello,\n\n" + body);
    }
}
