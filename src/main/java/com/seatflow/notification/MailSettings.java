package com.seatflow.notification;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param transport {@code eml} writes each mail as a file in {@code emlDir}; {@code smtp} sends with spring.mail.*
 * @param from the sender address
 * @param emlDir where the eml transport writes
 * @param batchSize mails taken from the outbox per dispatch
 * @param maxAttempts after this many failures a mail is marked FAILED
 */
@ConfigurationProperties("seatflow.mail")
public record MailSettings(@DefaultValue("eml") String transport, @DefaultValue("seatflow@localhost") String from,
        @DefaultValue("./data/mail-outbox") Path emlDir, @DefaultValue("200") int batchSize,
        @DefaultValue("5") int maxAttempts) {
}
