package com.seatflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The schedules file: what a valid one gives, and that a broken one is refused naming every mistake. */
class ScheduleFileTests {

    static final Set<String> JOBS = new TreeSet<>(List.of("invitationExpiry", "ledgerReconciliation"));
    static final SchedulingSettings DEFAULTS = new SchedulingSettings(true, Path.of("schedules.yml"), 5000,
            Duration.ofHours(1), Duration.ofSeconds(5));

    private static List<JobSchedule> parse(String yaml) {
        return ScheduleFile.parse(yaml, "schedules.yml", JOBS, DEFAULTS);
    }

    @Test
    void aValidFileGivesOneSchedulePerEntryWithTheDefaultsFilledIn() {
        List<JobSchedule> schedules = parse("""
                schedules:
                  - job: invitationExpiry
                    cron: "0 */15 * * * *"
                    zone: Europe/Berlin
                  - job: ledgerReconciliation
                    cron: "0 0 2 * * *"
                    enabled: false
                    lock-at-most-for: PT2H
                    lock-at-least-for: PT1M
                """);

        assertThat(schedules).containsExactly(
                new JobSchedule("invitationExpiry", "0 */15 * * * *", ZoneId.of("Europe/Berlin"), true,
                        Duration.ofHours(1), Duration.ofSeconds(5)),
                new JobSchedule("ledgerReconciliation", "0 0 2 * * *", ZoneId.systemDefault(), false,
                        Duration.ofHours(2), Duration.ofMinutes(1)));
    }

    @Test
    void aBrokenFileIsRefusedWithEveryMistakeNamed() {
        assertThatThrownBy(() -> parse("""
                schedules:
                  - job: nightlyCoffee
                    cron: "0 0 2 * * *"
                  - job: invitationExpiry
                    cron: "0 0 25 * * *"
                    zone: Mars/Olympus
                    enbled: true
                  - job: ledgerReconciliation
                    cron: "0 0 2 * * *"
                    enabled: sometimes
                    lock-at-least-for: PT2H
                  - job: ledgerReconciliation
                  - cron: "0 0 1 * * *"
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schedules.yml is not valid")
                .hasMessageContaining("entry 1 (nightlyCoffee): there is no job 'nightlyCoffee' that can run on a "
                        + "schedule; the jobs are [invitationExpiry, ledgerReconciliation]")
                .hasMessageContaining("entry 2 (invitationExpiry): cron '0 0 25 * * *' is not valid")
                .hasMessageContaining("zone 'Mars/Olympus' is not a time zone")
                .hasMessageContaining("unknown key 'enbled'")
                .hasMessageContaining("entry 3 (ledgerReconciliation): enabled must be true or false, was 'sometimes'")
                .hasMessageContaining("lock-at-least-for PT2H is longer than lock-at-most-for PT1H")
                .hasMessageContaining("entry 4 (ledgerReconciliation): 'cron' is missing")
                .hasMessageContaining("entry 5: 'job' is missing");
    }

    @Test
    void aJobScheduledTwiceIsRefused() {
        assertThatThrownBy(() -> parse("""
                schedules:
                  - job: invitationExpiry
                    cron: "0 0 1 * * *"
                  - job: invitationExpiry
                    cron: "0 0 13 * * *"
                """)).hasMessageContaining("entry 2 (invitationExpiry): job invitationExpiry is already scheduled by entry 1");
    }

    @Test
    void somethingThatIsNotAScheduleListIsRefused() {
        assertThatThrownBy(() -> parse("schedules: [unclosed")).hasMessageContaining("it is not YAML");
        assertThatThrownBy(() -> parse("jobs:\n  - job: invitationExpiry\n"))
                .hasMessageContaining("it must have a list 'schedules:'");
        assertThatThrownBy(() -> parse("schedules:\n  - just a line\n"))
                .hasMessageContaining("entry 1: expected job, cron, zone and enabled, found 'just a line'");
    }

    @Test
    void theFileShippedWithSeatflowSchedulesEveryPeriodicJob() throws Exception {
        Set<String> periodic = Set.of("invitationExpiry", "invitationReminders", "ledgerReconciliation",
                "poolAlertCheck", "groupProgressReport");

        List<JobSchedule> shipped = ScheduleFile.parse(Files.readString(Path.of("batch-jobs/schedules.yml")),
                "batch-jobs/schedules.yml", periodic, DEFAULTS);

        assertThat(shipped).extracting(JobSchedule::job).containsExactlyInAnyOrderElementsOf(periodic);
        assertThat(shipped).allSatisfy(s -> assertThat(s.enabled()).isTrue());
    }
}
