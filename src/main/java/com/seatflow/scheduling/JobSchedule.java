package com.seatflow.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.scheduling.support.CronExpression;

/**
 * One entry of the schedules file: run {@code job} whenever {@code cron} fires in {@code zone}, holding the cluster
 * lock for at most / at least the given durations.
 */
public record JobSchedule(String job, String cron, ZoneId zone, boolean enabled, Duration lockAtMostFor,
        Duration lockAtLeastFor) {

    /** The next fire after {@code now}, or null when the schedule is disabled. */
    public Instant nextFireAfter(Instant now) {
        if (!enabled) {
            return null;
        }
        ZonedDateTime next = CronExpression.parse(cron).next(now.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
