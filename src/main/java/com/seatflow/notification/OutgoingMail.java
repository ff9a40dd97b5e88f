package com.seatflow.notification;

/** A mail as it is handed to the transport; {@code attachment} is null for a mail without one. */
public record OutgoingMail(long outboxId, String to, String subject, String body, MailAttachment attachment) {

    public OutgoingMail(long outboxId, String to, String subject, String body) {
        this(outboxId, to, subject, body, null);
    }
}
