package com.seatflow.ingest;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Actuator health {@code mailbox}: UP when the last poll read the import mailbox, DOWN with the reason when it failed,
 * UNKNOWN before the first poll, DISABLED (which does not count towards the overall status) when it is switched off.
 */
@Component
class MailboxHealthIndicator implements HealthIndicator {

    static final Status DISABLED = new Status("DISABLED", "seatflow.mailbox.enabled is false");

    private final MailboxSettings settings;
    private final MailboxPolls polls;

    MailboxHealthIndicator(MailboxSettings settings, MailboxPolls polls) {
        this.settings = settings;
        this.polls = polls;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.status(DISABLED).build();
        }
        Health.Builder health = Health.unknown().withDetail("mailbox", settings.protocol() + "://" + settings.host()
                + ":" + settings.effectivePort() + "/" + settings.folder());
        MailboxPolls.LastPoll last = polls.last();
        if (last == null) {
            return health.withDetail("reason", "not polled yet").build();
        }
        health.withDetail("lastPoll", last.at().toString());
        return last.failure() == null ? health.up().build() : health.down().withDetail("reason", last.failure()).build();
    }
}
