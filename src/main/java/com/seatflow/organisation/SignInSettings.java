package com.seatflow.organisation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailures failed sign-ins (API or Camunda webapps) one client address may make for one user name within
 *        {@code failureWindow} before its sign-ins for that user are refused with 429
 * @param failureWindow how long a failed sign-in counts against the address
 */
@ConfigurationProperties("seatflow.sign-in")
record SignInSettings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration failureWindow) {
}
