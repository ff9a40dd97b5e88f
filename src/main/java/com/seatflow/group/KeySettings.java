package com.seatflow.group;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailures wrong codes (or wrong passwords) one client address may send within {@code failureWindow}
 *        before its redemptions are refused with 429
 * @param failureWindow how long a wrong code counts against the client
 * @param maxPerRequest the most keys one generation request may make
 */
@ConfigurationProperties("seatflow.keys")
public record KeySettings(@DefaultValue("5") int maxFailures, @DefaultValue("10m") Duration failureWindow,
        @DefaultValue("1000") int maxPerRequest) {
}
