package com.seatflow.scheduling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The schedules of the periodic jobs, read from the schedules file (or, when it does not exist, the copy in the jar)
 * and checked for changes every {@code seatflow.schedules.reload-interval-ms}. A changed file replaces the running
 * schedules only if it is valid as a whole; otherwise the problem is logged and kept in {@link #status()}, and the last
 * good schedules keep running. Fires run on their own threads, so a long job never delays the mail or rule pollers.
 */
public class JobSchedules implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobSchedules.class);
    private static final String IN_JAR = "batch-jobs/schedules.yml";

    /** What the API shows: where the schedules came from, each with its next fire, and the last refused change. */
    public record Status(String source, Instant loadedAt, List<Entry> schedules, String lastError,
            Instant lastErrorAt) {
    }

    public record Entry(String job, String cron, String zone, boolean enabled, Instant nextFireTime,
            String lockAtMostFor, String lockAtLeastFor) {
    }

    private record Loaded(List<JobSchedule> schedules, String source, Instant loadedAt) {
    }

    private record Source(String origin, String text) {
    }

    private final SchedulingSettings settings;
    private final JobRuns runs;
    private final ScheduledFires fires;
    private final Clock clock;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final List<ScheduledFuture<?>> running = new ArrayList<>();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private String lastSeenText;
    private boolean started;

    JobSchedules(SchedulingSettings settings, JobRuns runs, ScheduledFires fires, Clock clock) {
        this.settings = settings;
        this.runs = runs;
        this.fires = fires;
        this.clock = clock;
        scheduler.setPoolSize(4);
        scheduler.setThreadNamePrefix("seatflow-schedule-");
        scheduler.setClock(clock);
        scheduler.initialize();
        Source source = read();
        lastSeenText = source.text();
        try {
            current.set(new Loaded(parse(source), source.origin(), Instant.now(clock)));
            log.info("Job schedules loaded from {}: {}", source.origin(), describe(current.get().schedules()));
        } catch (IllegalArgumentException refused) {
            if (settings.enabled()) {
                throw new IllegalStateException("The job schedules cannot start: " + refused.getMessage(), refused);
            }
            current.set(new Loaded(List.of(), source.origin(), Instant.now(clock)));
            lastError = refused.getMessage();
            lastErrorAt = Instant.now(clock);
        }
    }

    /** Starts the fires once the application is ready (never in the command-line mode). */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (settings.enabled() && !started) {
            started = true;
            scheduleAll(current.get().schedules());
        }
    }

    /** Reloads the file if it changed; returns why a change was refused, or null. */
    @Scheduled(fixedDelayString = "${seatflow.schedules.reload-interval-ms:5000}",
            initialDelayString = "${seatflow.schedules.reload-interval-ms:5000}")
    public synchronized String reloadIfChanged() {
        Source source = read();
        if (source.text().equals(lastSeenText)) {
            return null;
        }
        lastSeenText = source.text();
        List<JobSchedule> schedules;
        try {
            schedules = parse(source);
        } catch (IllegalArgumentException refused) {
            lastError = refused.getMessage();
            lastErrorAt = Instant.now(clock);
            log.error("Schedule change refused, the last good schedules keep running: {}", lastError);
            return lastError;
        }
        current.set(new Loaded(schedules, source.origin(), Instant.now(clock)));
        lastError = null;
        lastErrorAt = null;
        if (started) {
            scheduleAll(schedules);
        }
        log.info("Job schedules reloaded from {}: {}", source.origin(), describe(schedules));
        return null;
    }

    public Status status() {
        Loaded loaded = current.get();
        Instant now = Instant.now(clock);
        List<Entry> entries = loaded.schedules().stream()
                .map(s -> new Entry(s.job(), s.cron(), s.zone().getId(), s.enabled(), s.nextFireAfter(now),
                        s.lockAtMostFor().toString(), s.lockAtLeastFor().toString()))
                .toList();
        return new Status(loaded.source(), loaded.loadedAt(), entries, lastError, lastErrorAt);
    }

    private List<JobSchedule> parse(Source source) {
        return ScheduleFile.parse(source.text(), source.origin(), runs.names(), settings);
    }

    private void scheduleAll(List<JobSchedule> schedules) {
        running.forEach(future -> future.cancel(false));
        running.clear();
        for (JobSchedule schedule : schedules) {
            if (schedule.enabled()) {
                var fire = new Fire(schedule);
                running.add(scheduler.schedule(fire, fire));
            }
        }
    }

    private Source read() {
        try {
            if (Files.isRegularFile(settings.file())) {
                return new Source(settings.file().toAbsolutePath().normalize().toString(),
                        Files.readString(settings.file(), StandardCharsets.UTF_8));
            }
            var inJar = new ClassPathResource(IN_JAR);
            return new Source("classpath:" + IN_JAR, inJar.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job schedules from " + settings.file(), e);
        }
    }

    private static String describe(List<JobSchedule> schedules) {
        return schedules.stream()
                .map(s -> s.job() + " '" + s.cron() + "' " + s.zone() + (s.enabled() ? "" : " (disabled)")).toList()
                .toString();
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }

    /** A cron trigger that remembers the time it was scheduled for, which becomes the run's identifying runAt. */
    private final class Fire implements Runnable, Trigger {
        private final JobSchedule schedule;
        private final CronTrigger cron;
        private volatile Instant scheduledFor;

        Fire(JobSchedule schedule) {
            this.schedule = schedule;
            this.cron = new CronTrigger(schedule.cron(), schedule.zone());
        }

        @Override
        public Instant nextExecution(TriggerContext context) {
            Instant next = cron.nextExecution(context);
            scheduledFor = next;
            return next;
        }

        @Override
        public void run() {
            fires.fire(schedule, scheduledFor);
        }
    }
}
