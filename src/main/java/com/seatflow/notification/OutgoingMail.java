package com.seatflow.notification;

public record OutgoingMail(long outboxId, String to, String subject, String body) {
}
