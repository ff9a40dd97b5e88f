package com.seatflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.seatflow.invitation.InvitationLink;
import com.seatflow.invitation.InvitationManagement;

/**
 * Sends what the outbox holds, oldest first. Invitation mails get their link only now: the token is generated at
 * sending time and never stored in clear. A mail that fails is tried again on the next run, up to maxAttempts.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final InvitationManagement invitations;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;
    private final String publicUrl;

    OutboxDispatcher(JdbcClient jdbc, InvitationManagement invitations, MailTransport transport, MailSettings settings,
            Clock clock, @Value("${seatflow.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    private record Pending(long id, String template, String recipient, Long invitationId, String subject, String body) {
    }

    @Scheduled(fixedDelayString = "${seatflow.mail.dispatch-interval-ms:2000}")
    public synchronized int dispatch() {
        List<Pending> pending = jdbc.sql("""
                SELECT id, template, recipient, invitation_id, subject, body FROM outbox_mail
                 WHERE status = 'PENDING' ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(settings.batchSize()))
                .query(Pending.class).list();
        if (pending.isEmpty()) {
            return 0;
        }
        Map<Long, InvitationLink> links = invitations.issueLinks(pending.stream().map(Pending::invitationId)
                .filter(java.util.Objects::nonNull).toList()).stream()
                .collect(Collectors.toMap(InvitationLink::invitationId, Function.identity()));
        List<Long> sent = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (Pending mail : pending) {
            if (mail.invitationId() != null && !links.containsKey(mail.invitationId())) {
                skipped.add(mail.id());
                continue;
            }
            OutgoingMail outgoing = mail.invitationId() == null
                    ? new OutgoingMail(mail.id(), mail.recipient(), mail.subject(), mail.body())
                    : render(mail, links.get(mail.invitationId()));
            try {
                transport.send(outgoing);
                sent.add(mail.id());
            } catch (Exception e) {
                log.warn("Mail {} to {} failed: {}", mail.id(), mail.recipient(), e.getMessage());
                jdbc.sql("""
                        UPDATE outbox_mail SET attempts = attempts + 1, last_error = ?,
                               status = CASE WHEN attempts + 1 >= ? THEN 'FAILED' ELSE 'PENDING' END
                         WHERE id = ?""").params(String.valueOf(e.getMessage()), settings.maxAttempts(), mail.id())
                        .update();
            }
        }
        mark(sent, "SENT", null);
        mark(skipped, "SKIPPED", "the invitation is no longer pending");
        return sent.size();
    }

    private void mark(List<Long> ids, String status, String note) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbox_mail SET status = :status, sent_at = :now, last_error = :note WHERE id IN (:ids)")
                    .param("status", status).param("now", OffsetDateTime.now(clock)).param("note", note)
                    .param("ids", ids).update();
        }
    }

    private OutgoingMail render(Pending mail, InvitationLink link) {
        String url = publicUrl + "/invitations/" + link.token();
        if ("ADMIN".equals(link.kind())) {
            return renderAdmin(mail, link, url);
        }
        String what = "GROUP".equals(link.kind()) ? "the group " + link.subjectName()
                : link.subjectName() + (link.runCode() == null ? "" : " (run " + link.runCode() + ")");
        String subject = link.orgName() + " invites you to " + what;
        String body = """
                Hello,

                %s has invited you to %s.

                Accept the invitation here (you can set your password there if you are new):
                %s

                The link is valid until %s and works only once. If you did not expect this mail, ignore it.
                """.formatted(link.orgName(), what, url, WHEN.format(link.expiresAt()));
        return new OutgoingMail(mail.id(), link.email(), subject, body);
    }

    private OutgoingMail renderAdmin(Pending mail, InvitationLink link, String url) {
        String inviter = link.inviterName() == null ? link.orgName() : link.inviterName();
        String subject = inviter + " invites you to administer " + link.orgName() + " on Seatflow";
        String body = """
                Hello,

                %s has invited you to join the team of administrators of %s on Seatflow. Administrators buy seats,
                invite learners and other administrators, and receive the organisation's account mails.

                Accept or decline the invitation here (you can set your password there if you are new):
                %s

                The link is valid until %s and works only once. If you did not expect this mail, ignore it.
                """.formatted(inviter, link.orgName(), url, WHEN.format(link.expiresAt()));
        return new OutgoingMail(mail.id(), link.email(), subject, body);
    }
}
