package com.seatflow.invitation;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.seatflow.notification.InvitationMail;
import com.seatflow.notification.InvitationMailRenderer;
import com.seatflow.notification.OutgoingMail;

/**
 * The text of invitation mails. Each mail gets a new link when it is sent: the token is generated now, only its hash
 * is stored, and an invitation that is no longer pending gets no mail.
 */
@Component
class InvitationMails implements InvitationMailRenderer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final InvitationManagement invitations;
    private final String publicUrl;

    InvitationMails(InvitationManagement invitations,
            @Value("${seatflow.public-url:http://localhost:8080}") String publicUrl) {
        this.invitations = invitations;
        this.publicUrl = publicUrl;
    }

    @Override
    public Map<Long, OutgoingMail> render(List<InvitationMail> mails) {
        Map<Long, InvitationLink> links = invitations.issueLinks(mails.stream().map(InvitationMail::invitationId)
                .distinct().toList()).stream()
                .collect(Collectors.toMap(InvitationLink::invitationId, Function.identity()));
        return mails.stream().filter(mail -> links.containsKey(mail.invitationId()))
                .collect(Collectors.toMap(InvitationMail::outboxId,
                        mail -> render(mail.outboxId(), links.get(mail.invitationId()))));
    }

    private OutgoingMail render(long outboxId, InvitationLink link) {
        String url = publicUrl + "/invitations/" + link.token();
        if ("ADMIN".equals(link.kind())) {
            return renderAdmin(outboxId, link, url);
        }
        String what = "GROUP".equals(link.kind()) ? "the group " + link.subjectName()
                : link.subjectName() + (link.runCode() == null ? "" : " (run " + link.runCode() + ")");
        String subject = link.orgName() + " invites you to " + what;
        String body = """
                %s

                %s has invited you to %s.

                Accept the invitation here (you can set your password there if you are new):
                %s

                The link is valid until %s and works only once. If you did not expect this mail, ignore it.
                """.formatted(link.greeting(), link.orgName(), what, url, WHEN.format(link.expiresAt()));
        return new OutgoingMail(outboxId, link.email(), subject, body);
    }

    private OutgoingMail renderAdmin(long outboxId, InvitationLink link, String url) {
        String inviter = link.inviterName() == null ? link.orgName() : link.inviterName();
        String subject = inviter + " invites you to administer " + link.orgName() + " on Seatflow";
        String body = """
                %s

                %s has invited you to join the team of administrators of %s on Seatflow. Administrators buy seats,
                invite learners and other administrators, and receive the organisation's account mails.

                Accept or decline the invitation here (you can set your password there if you are new):
                %s

                The link is valid until %s and works only once. If you did not expect this mail, ignore it.
                """.formatted(link.greeting(), inviter, link.orgName(), url, WHEN.format(link.expiresAt()));
        return new OutgoingMail(outboxId, link.email(), subject, body);
    }
}
