package com.seatflow.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SFTP integrations are polled and how result files are delivered ({@code seatflow.sftp.*}; the secret key is
 * read by {@link SftpSecrets} only).
 *
 * @param pollDelay         pause between two polls of one server
 * @param backoffMultiplier after a failed poll, this many polls are skipped before the next attempt
 * @param readLockCheckInterval how often a candidate file's size and modification time are compared
 * @param readLockMinAge    how long a file must have stayed unchanged (and old) before it is taken
 * @param readLockTimeout   how long one poll waits for a file to become stable before trying again at the next poll
 * @param connectTimeout    connect and read timeout towards the server
 * @param resultInterval    how often owed result files are looked for
 * @param resultFirstRetry  the wait after the first failed result delivery; doubles with every further failure
 * @param resultMaxRetry    the longest wait between two delivery attempts
 */
@ConfigurationProperties("seatflow.sftp")
record SftpSettings(@DefaultValue("10s") Duration pollDelay, @DefaultValue("6") int backoffMultiplier,
        @DefaultValue("1s") Duration readLockCheckInterval, @DefaultValue("3s") Duration readLockMinAge,
        @DefaultValue("30s") Duration readLockTimeout, @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("5s") Duration resultInterval, @DefaultValue("10s") Duration resultFirstRetry,
        @DefaultValue("10m") Duration resultMaxRetry) {
}
