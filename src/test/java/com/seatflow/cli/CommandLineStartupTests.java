package com.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.seatflow.SeatflowApplication;

/**
 * The command line as cron starts it: its own Java process running Seatflow without a web server, which runs the job,
 * stops and exits with the command's code. A process of its own, as in production: a second Seatflow inside the test
 * JVM would share Camunda's static engine registry with the other tests' Seatflow, and stopping it would take their
 * process engine away from the webapps.
 */
class CommandLineStartupTests {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run seatflow(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SeatflowApplication.class.getName()));
        command.addAll(List.of(args));
        Path out = Path.of("target", "cli-" + UUID.randomUUID() + ".out");
        Path err = Path.of("target", "cli-" + UUID.randomUUID() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runJobStartsWithoutAWebServerRunsTheJobAndExitsWithZeroWhenItCompleted() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();

        Run run = seatflow("run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir,
                "--seatflow.h2.only-existing=false");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the report alone, for scripts and cron mails: no banner, no start-up log lines
        assertThat(run.out()).contains("ledgerReconciliation execution").doesNotContain(":: Spring Boot ::")
                .doesNotContainPattern("(?m)^\\S+\\s+(INFO|WARN) ");
    }

    /** A cron line without the platform's profile would otherwise run on a new, empty H2 database and exit 0. */
    @Test
    void aCommandWhereThereIsNoSeatflowDatabaseExitsWithTwoAndCreatesNone() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();

        Run run = seatflow("run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No Seatflow database here: give the command the platform's database"
                + " settings (for example --spring.profiles.active=postgres");
        assertThat(run.out() + run.err()).doesNotContain("Application run failed").doesNotContain("\tat ");
        assertThat(Path.of(dataDir, "db")).doesNotExist();
    }

    /**
     * A command started while the platform runs on the same database must leave the outbox to the platform: an
     * invitation mail sent twice carries two links, and only the last one works.
     */
    @Test
    void aCommandSendsNoneOfTheMailsWaitingInTheOutbox() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();
        String[] command = {"run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir,
                "--seatflow.h2.only-existing=false"};
        assertThat(seatflow(command).exitCode()).as("creating the database").isZero();
        String database = "jdbc:h2:file:" + dataDir + "/db/seatflow;AUTO_SERVER=TRUE";
        try (Connection connection = DriverManager.getConnection(database, "sa", "")) {
            connection.createStatement().executeUpdate("""
                    INSERT INTO outbox_mail (template, recipient, subject, body, status, created_at)
                    VALUES ('cli-test', 'learner@example.org', 'Hello', 'Body', 'PENDING', CURRENT_TIMESTAMP)""");
        }

        Run run = seatflow(command);

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
                ResultSet mail = connection.createStatement()
                        .executeQuery("SELECT status, attempts FROM outbox_mail WHERE template = 'cli-test'")) {
            assertThat(mail.next()).isTrue();
            assertThat(mail.getString("status")).isEqualTo("PENDING");
            assertThat(mail.getInt("attempts")).isZero();
        }
        assertThat(Path.of(dataDir, "mail-outbox")).doesNotExist();
    }
}
