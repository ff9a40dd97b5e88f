package com.seatflow.notification;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.seatflow.platform.Backoff;

/**
 * @param transport {@code eml} writes each mail as a file in {@code emlDir}; {@code smtp} sends with spring.mail.*
 * @param from the sender address
 * @param emlDir where the eml transport writes
 * @param batchSize mails taken from the outbox per dispatch
 * @param maxAttempts after this many failures a mail is marked FAILED
 * @param retryFirstDelay how long a mail waits after its first failure; the wait doubles with each further failure
 * @param retryMaxDelay the longest wait between two attempts of a mail
 * @param dispatchLockAtMostFor how long a node that died while sending keeps the other nodes from sending; a dispatch
 *        takes no further mail once half of it has passed
 */
@ConfigurationProperties("seatflow.mail")
public record MailSettings(@DefaultValue("eml") String transport, @DefaultValue("seatflow@localhost") String from,
        @DefaultValue("./data/mail-outbox") Path emlDir, @DefaultValue("200") int batchSize,
        @DefaultValue("5") int maxAttempts, @DefaultValue("1m") Duration retryFirstDelay,
        @DefaultValue("1h") Duration retryMaxDelay, @DefaultValue("10m") Duration dispatchLockAtMostFor) {

    /** How long a mail that failed {@code failures} times waits before its next attempt. */
    Duration retryDelay(int failures) {
        return Backoff.doubling(retryFirstDelay, retryMaxDelay, failures - 1);
    }
}
