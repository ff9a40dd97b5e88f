package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The wait a throttled person is told, the same on the sign-in and the enrolment-key pages. */
class FailureThrottleWordsTests {

    @Test
    void aShortWaitIsInSecondsRoundedUpAndALongOneInMinutes() {
        assertThat(FailureThrottle.inWords(Duration.ofMillis(1))).isEqualTo("1 second");
        assertThat(FailureThrottle.inWords(Duration.ofMillis(44_200))).isEqualTo("45 seconds");
        assertThat(FailureThrottle.inWords(Duration.ofSeconds(599))).isEqualTo("10 minutes");
        assertThat(FailureThrottle.inWords(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(FailureThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }
}
