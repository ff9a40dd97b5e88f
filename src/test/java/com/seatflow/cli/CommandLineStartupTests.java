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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

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
        return seatflow(Map.of(), args);
    }

    private static Run seatflow(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SeatflowApplication.class.getName()));
        command.addAll(List.of(args));
        Path out = Path.of("target", "cli-" + UUID.randomUUID() + ".out");
        Path err = Path.of("target", "cli-" + UUID.randomUUID() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the command ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runJobStartsWithoutAWebServerRunsTheJobAndExitsWithZeroWhenItCompleted() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();

        Run run = seatflow("run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir,
                "--seatflow.only-existing-database=false");

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

    /** A database that exists but was never set up by Seatflow, e.g. a wrong file or database name in the URL. */
    @Test
    void aCommandOnADatabaseWithoutSeatflowsSchemaExitsWithTwoAndCreatesNoTable() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();
        String database = "jdbc:h2:file:" + dataDir + "/db/seatflow;AUTO_SERVER=TRUE";
        DriverManager.getConnection(database, "sa", "").close();

        Run run = seatflow("run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("No Seatflow database at jdbc:h2:file:").contains(
                "has no table seatflow_schema_history): give the command the platform's database settings");
        assertThat(tablesIn(database)).isZero();
    }

    /** The same on PostgreSQL: an empty database, and one that does not exist, are refused and left as they were. */
    @Test
    @EnabledIfSystemProperty(named = "spring.profiles.active", matches = ".*postgres.*")
    void onPostgresAnEmptyOrMissingDatabaseExitsWithTwoAndGetsNoSchema() throws Exception {
        String suiteDatabase = System.getenv("SEATFLOW_DB_URL");
        String empty = "seatflow_cli_empty_" + UUID.randomUUID().toString().replace("-", "");
        String emptyUrl = suiteDatabase.replaceFirst("/[^/?]+(\\?|$)", "/" + empty + "$1");
        try (Connection connection = DriverManager.getConnection(suiteDatabase, "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + empty);
        }
        try {
            Run onEmpty = seatflow(Map.of("SEATFLOW_DB_URL", emptyUrl), "run-job", "--name=ledgerReconciliation",
                    "--spring.profiles.active=postgres");
            Run onMissing = seatflow(Map.of("SEATFLOW_DB_URL", emptyUrl.replace(empty, empty + "_missing")), "run-job",
                    "--name=ledgerReconciliation", "--spring.profiles.active=postgres");

            assertThat(onEmpty.exitCode()).as(onEmpty.out() + onEmpty.err()).isEqualTo(2);
            assertThat(onEmpty.err()).contains("No Seatflow database at jdbc:postgresql://")
                    .contains("has no table seatflow_schema_history");
            assertThat(tablesIn(emptyUrl)).isZero();
            assertThat(onMissing.exitCode()).as(onMissing.out() + onMissing.err()).isEqualTo(2);
            assertThat(onMissing.err()).contains("No Seatflow database here");
        } finally {
            try (Connection connection = DriverManager.getConnection(suiteDatabase, "postgres", "")) {
                connection.createStatement().execute("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)");
            }
        }
    }

    private static int tablesIn(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database, database.startsWith("jdbc:h2") ? "sa"
                : "postgres", "");
                ResultSet tables = connection.createStatement().executeQuery("""
                        SELECT COUNT(*) FROM information_schema.tables
                         WHERE table_schema NOT IN ('INFORMATION_SCHEMA', 'information_schema', 'pg_catalog')""")) {
            tables.next();
            return tables.getInt(1);
        }
    }

    /**
     * A command started while the platform runs on the same database must leave the outbox to the platform: an
     * invitation mail sent twice carries two links, and only the last one works.
     */
    @Test
    void aCommandSendsNoneOfTheMailsWaitingInTheOutbox() throws Exception {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();
        String[] command = {"run-job", "--name=ledgerReconciliation", "--seatflow.data-dir=" + dataDir,
                "--seatflow.only-existing-database=false"};
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
