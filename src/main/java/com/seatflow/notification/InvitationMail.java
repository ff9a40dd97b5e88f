package com.seatflow.notification;

/** An outbox row announcing an invitation: its text, with a fresh link, is only written when it is sent. */
public record InvitationMail(long outboxId, String template, long invitationId) {
}
