package com.seatflow.scheduling;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.scheduling.support.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code schedules.yml}. Every mistake in the file is collected, and the file is refused as a whole with all
 * of them, so an operator fixes it in one go and a half-valid file never replaces good schedules.
 */
final class ScheduleFile {

    private static final Set<String> KEYS = Set.of("job", "cron", "zone", "enabled", "lock-at-most-for",
            "lock-at-least-for");

    /** The file as a whole is not valid; the message lists every problem. */
    static class InvalidScheduleFile extends IllegalArgumentException {
        InvalidScheduleFile(String origin, List<String> problems) {
            super(origin + " is not valid:\n  - " + String.join("\n  - ", problems));
        }
    }

    private ScheduleFile() {
    }

    /**
     * @param knownJobs the jobs that can be scheduled
     * @param defaults the lock durations used where an entry sets none
     */
    static List<JobSchedule> parse(String text, String origin, Set<String> knownJobs, SchedulingSettings defaults) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new InvalidScheduleFile(origin, List.of("it is not YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("schedules") instanceof List<?> entries)) {
            throw new InvalidScheduleFile(origin,
                    List.of("it must have a list 'schedules:' of entries with job, cron, zone and enabled"));
        }
        List<String> problems = new ArrayList<>();
        List<JobSchedule> schedules = new ArrayList<>();
        Map<String, Integer> firstEntryOfJob = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = new Entry(i + 1, entries.get(i), problems);
            JobSchedule schedule = entry.read(knownJobs, defaults);
            if (schedule == null) {
                continue;
            }
            Integer earlier = firstEntryOfJob.putIfAbsent(schedule.job(), entry.number);
            if (earlier != null) {
                problems.add(entry.where() + ": job " + schedule.job() + " is already scheduled by entry " + earlier
                        + "; put both times into one cron expression");
            } else {
                schedules.add(schedule);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScheduleFile(origin, problems);
        }
        return List.copyOf(schedules);
    }

    /** One list entry, reporting its problems into the shared list. */
    private static final class Entry {
        private final int number;
        private final Object raw;
        private final List<String> problems;
        private String job;

        Entry(int number, Object raw, List<String> problems) {
            this.number = number;
            this.raw = raw;
            this.problems = problems;
        }

        String where() {
            return "entry " + number + (job == null ? "" : " (" + job + ")");
        }

        JobSchedule read(Set<String> knownJobs, SchedulingSettings defaults) {
            if (!(raw instanceof Map<?, ?> values)) {
                problems.add(where() + ": expected job, cron, zone and enabled, found '" + raw + "'");
                return null;
            }
            int before = problems.size();
            job = text(values, "job");
            for (Object key : values.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    problems.add(where() + ": unknown key '" + key + "'; the keys are " + KEYS);
                }
            }
            if (job == null) {
                problems.add(where() + ": 'job' is missing");
            } else if (!knownJobs.contains(job)) {
                problems.add(where() + ": there is no job '" + job + "' that can run on a schedule; the jobs are "
                        + knownJobs);
            }
            String cron = text(values, "cron");
            if (cron == null) {
                problems.add(where() + ": 'cron' is missing");
            } else if (!CronExpression.isValidExpression(cron)) {
                problems.add(where() + ": cron '" + cron + "' is not valid: six fields are expected, "
                        + "second minute hour day-of-month month day-of-week, e.g. \"0 */15 * * * *\"");
            }
            ZoneId zone = zone(values);
            boolean enabled = enabled(values);
            Duration atMost = duration(values, "lock-at-most-for", defaults.lockAtMostFor());
            Duration atLeast = duration(values, "lock-at-least-for", defaults.lockAtLeastFor());
            if (atMost != null && atLeast != null && atLeast.compareTo(atMost) > 0) {
                problems.add(where() + ": lock-at-least-for " + atLeast + " is longer than lock-at-most-for " + atMost);
            }
            return problems.size() == before ? new JobSchedule(job, cron, zone, enabled, atMost, atLeast) : null;
        }

        private ZoneId zone(Map<?, ?> values) {
            String zone = text(values, "zone");
            if (zone == null) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add(where() + ": zone '" + zone + "' is not a time zone (e.g. UTC, Europe/Berlin)");
                return null;
            }
        }

        private boolean enabled(Map<?, ?> values) {
            Object enabled = values.get("enabled");
            if (enabled == null || enabled instanceof Boolean) {
                return !Boolean.FALSE.equals(enabled);
            }
            problems.add(where() + ": enabled must be true or false, was '" + enabled + "'");
            return false;
        }

        private Duration duration(Map<?, ?> values, String key, Duration fallback) {
            String value = text(values, key);
            if (value == null) {
                return fallback;
            }
            try {
                Duration duration = Duration.parse(value);
                if (duration.isNegative()) {
                    problems.add(where() + ": " + key + " must not be negative, was " + value);
                }
                return duration;
            } catch (DateTimeParseException e) {
                problems.add(where() + ": " + key + " '" + value + "' is not an ISO-8601 duration such as PT30S");
                return null;
            }
        }

        private static String text(Map<?, ?> values, String key) {
            Object value = values.get(key);
            return value == null ? null : String.valueOf(value).trim();
        }
    }
}
