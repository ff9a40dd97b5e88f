package com.seatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.mail.AuthenticationFailedException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class MailboxHealthIndicatorTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    static MailboxSettings settings(boolean enabled) {
        return new MailboxSettings(enabled, "imaps", "mail.example.com", 0, "imports", "very-secret", "INBOX", 1000,
                "", "imports@example.com");
    }

    private final MailboxPolls polls = new MailboxPolls(CLOCK);

    @Test
    void aSwitchedOffMailboxShowsAsDisabled() {
        Health health = new MailboxHealthIndicator(settings(false), polls).health();

        assertThat(health.getStatus()).isEqualTo(MailboxHealthIndicator.DISABLED);
    }

    @Test
    void beforeTheFirstPollTheStatusIsUnknown() {
        Health health = new MailboxHealthIndicator(settings(true), polls).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("mailbox", "imaps://mail.example.com:993/INBOX");
    }

    @Test
    void aFailedPollIsDownWithTheReasonAndTheNextGoodPollIsUpAgain() {
        var indicator = new MailboxHealthIndicator(settings(true), polls);

        polls.rollback(null, null, 0, new AuthenticationFailedException("authentication failed"));
        Health down = indicator.health();
        polls.commit(null, null, 0);
        Health up = indicator.health();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("reason", "AuthenticationFailedException: authentication failed")
                .containsEntry("lastPoll", "2026-11-23T10:00:00Z");
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).doesNotContainKey("reason");
    }

    @Test
    void theSettingsNeverShowThePassword() {
        assertThat(settings(true).toString()).doesNotContain("very-secret").contains("mail.example.com");
    }
}
