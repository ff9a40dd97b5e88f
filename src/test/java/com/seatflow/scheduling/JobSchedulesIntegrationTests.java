package com.seatflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.scheduling.ScheduledFires.Outcome;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * The schedules file of the test properties ({@code target/test-schedules/schedules.yml}; absent, the jar's copy is
 * used), the scheduler that runs it, the cluster lock, and the operators' API.
 */
@SeatflowIntegrationTest
class JobSchedulesIntegrationTests {

    static final String SUPPORT = "support";
    static final String SUPPORT_PASSWORD = "support-demo-pass";

    @Autowired
    JobSchedules schedules;
    @Autowired
    SchedulingSettings settings;
    @Autowired
    JobRuns runs;
    @Autowired
    JobExecutions executions;
    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    @AfterEach
    void backToTheSchedulesInTheJar() throws IOException {
        Files.deleteIfExists(settings.file());
        assertThat(schedules.reloadIfChanged()).isNull();
    }

    private void write(String yaml) throws IOException {
        Files.createDirectories(settings.file().toAbsolutePath().getParent());
        Files.writeString(settings.file(), yaml, StandardCharsets.UTF_8);
    }

    private JsonNode getAsSupport(String path) {
        var response = http.withBasicAuth(SUPPORT, SUPPORT_PASSWORD).getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    @Test
    void theSchedulesShippedInTheJarAreListedWithTheirNextFireTimes() throws IOException {
        Files.deleteIfExists(settings.file());
        schedules.reloadIfChanged();
        Instant before = Instant.now();

        JsonNode listed = getAsSupport("/api/jobs/schedules");
        Instant after = Instant.now();

        assertThat(listed.get("source").asText()).isEqualTo("classpath:batch-jobs/schedules.yml");
        assertThat(listed.get("schedules").findValuesAsText("job")).containsExactlyInAnyOrder("invitationExpiry",
                "invitationReminders", "ledgerReconciliation", "poolAlertCheck", "groupProgressReport");
        for (JsonNode schedule : listed.get("schedules")) {
            Instant next = Instant.parse(schedule.get("nextFireTime").asText());
            CronExpression cron = CronExpression.parse(schedule.get("cron").asText());
            ZoneId zone = ZoneId.of(schedule.get("zone").asText());
            // the server read its clock between before and after, and a fire time (every 15 minutes) may lie between
            assertThat(next).as(schedule.get("job").asText()).isIn(cron.next(before.atZone(zone)).toInstant(),
                    cron.next(after.atZone(zone)).toInstant());
        }
        assertThat(listed.get("lastError").isNull()).isTrue();
    }

    @Test
    void onlySupportMayReadJobsAndSchedules() {
        Org org = world.org(5, 5);
        var admin = http.withBasicAuth(org.adminUser(), org.adminPassword());

        assertThat(admin.getForEntity("/api/jobs/schedules", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin.getForEntity("/api/jobs/executions", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/jobs/executions", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aChangedFileIsUsedAtOnceAndABrokenOneIsRefusedWhileTheLastGoodSchedulesStay() throws IOException {
        write("""
                schedules:
                  - job: ledgerReconciliation
                    cron: "0 30 3 * * *"
                    zone: Europe/Berlin
                  - job: invitationExpiry
                    cron: "0 0 * * * *"
                    enabled: false
                """);

        assertThat(schedules.reloadIfChanged()).isNull();

        JsonNode loaded = getAsSupport("/api/jobs/schedules");
        assertThat(loaded.get("source").asText()).isEqualTo(settings.file().toAbsolutePath().normalize().toString());
        assertThat(loaded.get("schedules")).hasSize(2);
        JsonNode ledger = loaded.get("schedules").get(0);
        assertThat(ledger.get("job").asText()).isEqualTo("ledgerReconciliation");
        assertThat(ledger.get("zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(Instant.parse(ledger.get("nextFireTime").asText()).atZone(ZoneId.of("Europe/Berlin")).getHour())
                .isEqualTo(3);
        JsonNode disabled = loaded.get("schedules").get(1);
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("nextFireTime").isNull()).isTrue();

        write("""
                schedules:
                  - job: ledgerReconciliation
                    cron: "0 0 25 * * *"
                  - job: nightlyCoffee
                    cron: "0 0 1 * * *"
                """);
        String refused = schedules.reloadIfChanged();

        assertThat(refused).contains(settings.file().getFileName().toString()).contains("'0 0 25 * * *' is not valid")
                .contains("there is no job 'nightlyCoffee'");
        JsonNode kept = getAsSupport("/api/jobs/schedules");
        assertThat(kept.get("schedules")).isEqualTo(loaded.get("schedules"));
        assertThat(kept.get("lastError").asText()).isEqualTo(refused);
        assertThat(schedules.reloadIfChanged()).as("the same broken file is not reported again").isNull();
    }

    @Test
    void anEnabledScheduleRunsItsJobOncePerFireTime() throws IOException {
        long newestBefore = executions.list("ledgerReconciliation", null, 1).stream()
                .mapToLong(JobExecutionSummary::id).findFirst().orElse(0);
        write("""
                schedules:
                  - job: ledgerReconciliation
                    cron: "*/2 * * * * *"
                    zone: UTC
                    lock-at-least-for: PT0.5S
                """);
        assertThat(schedules.reloadIfChanged()).isNull();

        List<JobExecutionDetails> fired = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> executions.list("ledgerReconciliation", null, 20).stream()
                        .filter(e -> e.id() > newestBefore).map(e -> executions.find(e.id())).toList(),
                        runs -> runs.stream().filter(r -> r.execution().status().equals("COMPLETED")).count() >= 2);
        Files.deleteIfExists(settings.file());
        schedules.reloadIfChanged();
        // a fire every 2 s: one may still be running, or keep the lock, which the next test must not find taken
        awaitNoFireHolding("ledgerReconciliation");

        assertThat(fired).allSatisfy(run -> {
            assertThat(run.parameters()).containsEntry(JobRuns.STARTED_BY, "schedule");
            LocalDateTime runAt = LocalDateTime.parse(run.parameters().get(JobRuns.RUN_AT));
            assertThat(runAt.getSecond() % 2).as("a fire time of the cron, not the moment it ran").isZero();
            assertThat(runAt.getNano()).isZero();
        });
        assertThat(fired).extracting(run -> run.parameters().get(JobRuns.RUN_AT)).doesNotHaveDuplicates();
    }

    private ScheduledFires node(String name) {
        return new ScheduledFires(runs, new DefaultLockingTaskExecutor(
                SchedulingConfiguration.lockProvider(dataSource, transactions, name)), clock);
    }

    /**
     * This node stops firing the job by its schedule (the jar's fires invitationExpiry every quarter of an hour), and
     * any fire of it that started before has ended and left the job's lock.
     */
    private void noScheduledFiresOf(String job) throws IOException {
        write("""
                schedules:
                  - job: %s
                    cron: "0 0 0 * * *"
                    enabled: false
                """.formatted(job));
        assertThat(schedules.reloadIfChanged()).isNull();
        awaitNoFireHolding(job);
    }

    /** Waits until no fire of the job holds its cluster lock (a fire that started before its schedule went away). */
    private void awaitNoFireHolding(String job) {
        LockProvider probe = SchedulingConfiguration.lockProvider(dataSource, transactions, "probe");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> probe.lock(new LockConfiguration(Instant.now(), job, Duration.ofSeconds(10), Duration.ZERO))
                        .map(lock -> {
                            lock.unlock();
                            return true;
                        }).orElse(false));
    }

    @Test
    void twoNodesFiringTheSameScheduleRunItsJobOnce() throws Exception {
        noScheduledFiresOf("invitationExpiry");
        ScheduledFires nodeA = node("node-a");
        ScheduledFires nodeB = node("node-b");
        var schedule = new JobSchedule("invitationExpiry", "0 */15 * * * *", ZoneOffset.UTC, true,
                Duration.ofMinutes(5), Duration.ofSeconds(3));
        Instant fireTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        long newestBefore = executions.list("invitationExpiry", null, 1).stream()
                .mapToLong(JobExecutionSummary::id).findFirst().orElse(0);
        var go = new CountDownLatch(1);

        var onA = CompletableFuture.supplyAsync(() -> fireAfter(go, nodeA, schedule, fireTime));
        var onB = CompletableFuture.supplyAsync(() -> fireAfter(go, nodeB, schedule, fireTime));
        go.countDown();

        assertThat(List.of(onA.get(), onB.get())).containsExactlyInAnyOrder(Outcome.RAN, Outcome.LOCKED_ELSEWHERE);
        List<JobExecutionSummary> ran = executions.list("invitationExpiry", null, 10).stream()
                .filter(e -> e.id() > newestBefore).toList();
        assertThat(ran).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("COMPLETED");
            assertThat(executions.find(run.id()).parameters()).containsEntry(JobRuns.RUN_AT,
                    DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(fireTime, ZoneOffset.UTC)));
        });
        assertThat(nodeB.fire(schedule, fireTime)).as("within lock-at-least-for after the run")
                .isEqualTo(Outcome.LOCKED_ELSEWHERE);

        var noLockKept = new JobSchedule("invitationExpiry", schedule.cron(), ZoneOffset.UTC, true,
                Duration.ofMinutes(5), Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> nodeB.fire(noLockKept, fireTime), outcome -> outcome != Outcome.LOCKED_ELSEWHERE);
        assertThat(nodeB.fire(noLockKept, fireTime)).as("a node whose clock lags finds the fire done")
                .isEqualTo(Outcome.ALREADY_RAN);
        assertThat(executions.list("invitationExpiry", null, 10).stream().filter(e -> e.id() > newestBefore))
                .hasSize(1);
    }

    private static Outcome fireAfter(CountDownLatch go, ScheduledFires node, JobSchedule schedule, Instant fireTime) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return node.fire(schedule, fireTime);
    }

    @Test
    void theExecutionsAreListedNewestFirstWithTheirCountsAndSteps() throws Exception {
        long first = runs.run("invitationReminders", Instant.now().minusSeconds(7200), "test").getId();
        long second = runs.run("invitationReminders", Instant.now().minusSeconds(3600), "test").getId();

        JsonNode listed = getAsSupport("/api/jobs/executions?job=invitationReminders&status=completed&limit=2");

        assertThat(listed.findValuesAsText("id")).containsExactly(String.valueOf(second), String.valueOf(first));
        JsonNode newest = listed.get(0);
        assertThat(newest.get("job").asText()).isEqualTo("invitationReminders");
        assertThat(newest.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(newest.get("durationMs").asLong()).isNotNegative();
        assertThat(newest.has("readCount") && newest.has("writeCount") && newest.has("skipCount")).isTrue();
        assertThat(Instant.parse(newest.get("endedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(newest.get("startedAt").asText()));

        JsonNode one = getAsSupport("/api/jobs/executions/" + second);
        assertThat(one.get("id").asLong()).isEqualTo(second);
        assertThat(one.get("parameters").get("startedBy").asText()).isEqualTo("test");
        assertThat(one.get("steps")).singleElement()
                .satisfies(step -> assertThat(step.get("name").asText()).isEqualTo("invitationRemindersStep"));

        var support = http.withBasicAuth(SUPPORT, SUPPORT_PASSWORD);
        var badStatus = support.getForEntity("/api/jobs/executions?status=DONE", JsonNode.class);
        assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badStatus.getBody().get("detail").asText()).contains("status must be one of").contains("DONE");
        assertThat(support.getForEntity("/api/jobs/executions?limit=0", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(support.getForEntity("/api/jobs/executions/987654321", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
