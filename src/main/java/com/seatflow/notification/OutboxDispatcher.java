package com.seatflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * Sends what the outbox holds, oldest first but a bulk import's mails after every other, on one node at a time (a
 * ShedLock lock on the shared database). Invitation mails are written only now, by the {@link InvitationMailRenderer}:
 * their link's token is generated at sending time and never stored in clear, so a mail sent twice would carry two links
 * of which only the last works. A mail that fails waits {@code retryFirstDelay}, then twice as long after each further
 * failure, up to maxAttempts. The command line turns the dispatcher off ({@code seatflow.mail.dispatch-enabled}): a dry
 * run must not send the platform's mail.
 */
@Component
@ConditionalOnProperty(name = "seatflow.mail.dispatch-enabled", havingValue = "true", matchIfMissing = true)
public class OutboxDispatcher {

    static final String LOCK = "outbox-dispatch";
    /** Invitation mails whose links are issued in one statement, just before they are sent. */
    static final int RENDERED_AT_ONCE = 20;

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final JdbcClient jdbc;
    private final InvitationMailRenderer invitationMails;
    private final MailTransport transport;
    private final MailSettings settings;
    private final LockProvider locks;
    private final Clock clock;
    /** Whether the last mail this node tried found the server unavailable: its outage is logged once. */
    private volatile boolean serverUnavailable;

    OutboxDispatcher(JdbcClient jdbc, InvitationMailRenderer invitationMails, MailTransport transport,
            MailSettings settings, LockProvider locks, Clock clock) {
        this.jdbc = jdbc;
        this.invitationMails = invitationMails;
        this.transport = transport;
        this.settings = settings;
        this.locks = locks;
        this.clock = clock;
    }

    private record Pending(long id, String template, String recipient, Long invitationId, String subject, String body,
            String attachmentName, String attachmentType, byte[] attachment, int attempts) {

        MailAttachment attached() {
            return attachmentName == null ? null : new MailAttachment(attachmentName, attachmentType, attachment);
        }
    }

    /** Sends the mails that are due, unless another node is sending; answers how many were sent. */
    @Scheduled(fixedDelayString = "${seatflow.mail.dispatch-interval-ms:2000}")
    public int dispatch() {
        Instant start = clock.instant();
        Optional<SimpleLock> lock = locks.lock(
                new LockConfiguration(start, LOCK, settings.dispatchLockAtMostFor(), Duration.ZERO));
        if (lock.isEmpty()) {
            return 0;
        }
        try {
            // the lock must outlast the sending: a node that took it over would send the rest again
            return sendDue(start.plus(settings.dispatchLockAtMostFor().dividedBy(2)));
        } finally {
            lock.get().unlock();
        }
    }

    private int sendDue(Instant lastStart) {
        List<Pending> pending = jdbc.sql("""
                SELECT id, template, recipient, invitation_id, subject, body, attachment_name, attachment_type,
                       attachment, attempts
                  FROM outbox_mail
                 WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                 ORDER BY bulk, id FETCH FIRST %d ROWS ONLY""".formatted(settings.batchSize()))
                .param(OffsetDateTime.now(clock)).query(Pending.class).list();
        List<Long> sent = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        sending:
        for (int from = 0; from < pending.size(); from += RENDERED_AT_ONCE) {
            // links are issued a few mails ahead of sending: a dispatch that stops early (an outage, the lock time)
            // has replaced the link of only the few mails it did not send
            List<Pending> slice = pending.subList(from, Math.min(from + RENDERED_AT_ONCE, pending.size()));
            Map<Long, OutgoingMail> rendered = invitationMails.render(slice.stream()
                    .filter(mail -> mail.invitationId() != null)
                    .map(mail -> new InvitationMail(mail.id(), mail.template(), mail.invitationId())).toList());
            for (Pending mail : slice) {
                if (clock.instant().isAfter(lastStart)) {
                    break sending;
                }
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
                    if (serverUnavailable) {
                        serverUnavailable = false;
                        log.info("The mail server can be used again: sending the outbox");
                    }
                } catch (MailServerUnavailableException e) {
                    failed(mail, e);
                    if (!serverUnavailable) {
                        serverUnavailable = true;
                        log.warn("The mail server cannot be used ({}): mail waits in the outbox, tried again every run",
                                e.getMessage());
                    }
                    break sending;
                } catch (Exception e) {
                    failed(mail, e);
                }
            }
        }
        mark(sent, "SENT", null);
        mark(skipped, "SKIPPED", "the invitation is no longer pending");
        return sent.size();
    }

    private void failed(Pending mail, Exception error) {
        int failures = mail.attempts() + 1;
        boolean lastAttempt = failures >= settings.maxAttempts();
        String reason = String.valueOf(error.getMessage());
        if (lastAttempt) {
            log.warn("Mail {} ({}) failed {} times and is marked FAILED: {}", mail.id(), mail.template(), failures,
                    reason);
        } else {
            log.info("Mail {} ({}) failed, attempt {} of {}: {}", mail.id(), mail.template(), failures,
                    settings.maxAttempts(), reason);
        }
        jdbc.sql("""
                UPDATE outbox_mail SET attempts = ?, last_error = ?, status = ?, next_attempt_at = ?
                 WHERE id = ?""")
                .params(failures, reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                        lastAttempt ? "FAILED" : "PENDING",
                        OffsetDateTime.now(clock).plus(settings.retryDelay(failures)), mail.id())
                .update();
    }

    private void mark(List<Long> ids, String status, String note) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbox_mail SET status = :status, sent_at = :now, last_error = :note WHERE id IN (:ids)")
                    .param("status", status).param("now", OffsetDateTime.now(clock)).param("note", note)
                    .param("ids", ids).update();
        }
    }
}
