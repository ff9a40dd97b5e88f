package com.seatflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail in the caller's transaction: it leaves only if the change it announces commits. Bodies are stored as
 * they are, so they must never contain a secret (invitation links are added at sending time, see
 * {@link #enqueueInvitation}).
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(String template, Collection<String> recipients, String subject, String body) {
        enqueue(template, recipients, subject, body, null);
    }

    /** Queues a mail with a file attached ({@code attachment} may be null); the file is stored with the mail. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(String template, Collection<String> recipients, String subject, String body,
            MailAttachment attachment) {
        for (String recipient : recipients) {
            jdbc.sql("""
                    INSERT INTO outbox_mail (template, recipient, subject, body, status, created_at,
                                             attachment_name, attachment_type, attachment)
                    VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""")
                    .params(template, recipient, subject, body, OffsetDateTime.now(clock),
                            attachment == null ? null : attachment.fileName(),
                            attachment == null ? null : attachment.contentType(),
                            attachment == null ? null : attachment.content())
                    .update();
        }
    }

    /** Queues the mail of an invitation; its link (a fresh token) is made when the mail is sent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueInvitation(String template, long invitationId, String recipient) {
        jdbc.sql("""
                INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at)
                VALUES (?, ?, ?, 'PENDING', ?)""")
                .params(template, recipient, invitationId, OffsetDateTime.now(clock)).update();
    }
}
