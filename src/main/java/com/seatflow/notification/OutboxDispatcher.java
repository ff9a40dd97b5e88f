package com.seatflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds, oldest first. Invitation mails are written only now, by the
 * {@link InvitationMailRenderer}: their link's token is generated at sending time and never stored in clear. A mail
 * that fails is tried again on the next run, up to maxAttempts.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final JdbcClient jdbc;
    private final InvitationMailRenderer invitationMails;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;

    OutboxDispatcher(JdbcClient jdbc, InvitationMailRenderer invitationMails, MailTransport transport,
            MailSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.invitationMails = invitationMails;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
    }

    private record Pending(long id, String template, String recipient, Long invitationId, String subject, String body,
            String attachmentName, String attachmentType, byte[] attachment) {

        MailAttachment attached() {
            return attachmentName == null ? null : new MailAttachment(attachmentName, attachmentType, attachment);
        }
    }

    @Scheduled(fixedDelayString = "${seatflow.mail.dispatch-interval-ms:2000}")
    public synchronized int dispatch() {
        List<Pending> pending = jdbc.sql("""
                SELECT id, template, recipient, invitation_id, subject, body, attachment_name, attachment_type,
                       attachment
                  FROM outbox_mail
                 WHERE status = 'PENDING' ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(settings.batchSize()))
                .query(Pending.class).list();
        if (pending.isEmpty()) {
            return 0;
        }
        Map<Long, OutgoingMail> rendered = invitationMails.render(pending.stream()
                .filter(mail -> mail.invitationId() != null)
                .map(mail -> new InvitationMail(mail.id(), mail.template(), mail.invitationId())).toList());
        List<Long> sent = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (Pending mail : pending) {
            if (mail.invitationId() != null && !rendered.containsKey(mail.id())) {
                skipped.add(mail.id());
                continue;
            }
            OutgoingMail outgoing = mail.invitationId() == null
                    ? new OutgoingMail(mail.id(), mail.recipient(), mail.subject(), mail.body(), mail.attached())
                    : rendered.get(mail.id());
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
}
