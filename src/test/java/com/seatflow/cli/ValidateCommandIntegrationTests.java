package com.seatflow.cli;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportError;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportManagement.DryRunReport;
import com.seatflow.imports.ImportStatus;

/** The command line's dry run: it reports what an import would do and leaves no trace. */
@SeatflowIntegrationTest
class ValidateCommandIntegrationTests {

    static final String HEADER = "external_learner_id,email,program_code,program_run_code,expiry_time\n";

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve(World.unique("learners-") + ".csv"), content, StandardCharsets.UTF_8);
    }

    private Path validFile(Org org, int rows) throws IOException {
        var csv = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            csv.append("L").append(i).append(",").append(World.unique("learner")).append("@example.org,")
                    .append(org.programmeCode()).append(',').append(i % 2 == 0 ? org.run2() : org.run1())
                    .append("," + BULK_EXPIRY + "\n");
        }
        return file(csv.toString());
    }

    private Path invalidFile(Org org) throws IOException {
        return file(HEADER
                + "L1,ok@example.org," + org.programmeCode() + "," + org.run1() + "," + BULK_EXPIRY + "\n"
                + "L2,not-an-email," + org.programmeCode() + "," + org.run1() + "," + BULK_EXPIRY + "\n"
                + "L3,three@example.org," + org.programmeCode() + ",RUN-9," + BULK_EXPIRY + "\n");
    }

    private void assertNothingLeftBehind(Org org, DryRunReport report) {
        long id = report.job().id();
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE id = ? OR org_id = ?", id, org.org().id()))
                .isZero();
        assertThat(world.count("SELECT COUNT(*) FROM import_row WHERE import_id = ?", id)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM import_error WHERE import_id = ?", id)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ?", org.org().id())).isZero();
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(Path.of(report.job().storedPath())).doesNotExist();
    }

    @Test
    void aDryRunOfAValidFileReportsItsCountsAndLeavesNoTrace() throws IOException {
        Org org = world.org(10, 5);
        Path file = validFile(org, 3);

        DryRunReport report = imports.dryRun(org.org().code(), null, "programme", file);

        assertThat(report.valid()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.job().status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
        assertThat(report.job().totalRows()).isEqualTo(3);
        assertThat(report.job().newRows()).isEqualTo(3);
        assertThat(report.job().unchangedRows()).isZero();
        assertThat(report.job().seatSummary()).contains("3 needed, 10 free");
        assertThat(report.job().source()).isEqualTo("CLI");
        assertNothingLeftBehind(org, report);
        assertThat(file).exists();
    }

    @Test
    void aDryRunOfAnInvalidFileReportsEveryErrorAndLeavesNoTrace() throws IOException {
        Org org = world.org(10, 5);

        DryRunReport report = imports.dryRun(org.org().code(), null, "programme", invalidFile(org));

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(ImportError::rowNumber, ImportError::column, ImportError::value)
                .containsExactlyInAnyOrder(tuple(3, "email", "not-an-email"),
                        tuple(4, "program_run_code", "RUN-9"));
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertNothingLeftBehind(org, report);
    }

    @Test
    void aDryRunReportsRowsBeyondTheFreeSeats() throws IOException {
        Org org = world.org(2, 5);

        DryRunReport report = imports.dryRun(org.org().code(), null, "programme", validFile(org, 3));

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.rowNumber()).isEqualTo(4);
            assertThat(e.reason()).contains("3 needed, 2 free");
        });
        assertNothingLeftBehind(org, report);
    }

    record Run(int exitCode, String output) {
    }

    private Run validate(String... args) {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            var command = new ValidateCommand(imports);
            command.run(new DefaultApplicationArguments(args));
            return new Run(command.getExitCode(), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void theValidateCommandExitsWithZeroForAValidFile() throws IOException {
        Org org = world.org(10, 5);
        Path file = validFile(org, 2);

        Run run = validate("validate", "--org=" + org.org().code(), "--format=programme", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("2 row(s), 2 would take a seat, 0 unchanged, 0 error(s)")
                .contains("VALID: nothing was changed (dry run)");
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE org_id = ?", org.org().id())).isZero();
    }

    /** rules/import-policy.drl: the dry run says who would approve a large file, and tells support nothing. */
    @Test
    void theValidateCommandSaysWhenProviderSupportWouldApproveTheFile() throws IOException {
        Org org = world.org(1_100, 5);
        Path file = validFile(org, 1_001);

        Run run = validate("validate", "--org=" + org.org().code(), "--format=programme", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("Review: provider support approves it, since it brings 1001 new learners")
                .contains("VALID: nothing was changed (dry run)");
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE template = 'IMPORT_SUPPORT_REVIEW'"
                + " AND subject LIKE ?", "% of " + org.org().code() + " awaits your approval")).isZero();
    }

    @Test
    void theValidateCommandExitsWithOneAndPrintsEachErrorForAnInvalidFile() throws IOException {
        Org org = world.org(10, 5);

        Run run = validate("validate", "--org=" + org.org().code(), "--format=programme", invalidFile(org).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("2 error(s)").contains("row 3, column email, value 'not-an-email'")
                .contains("row 4, column program_run_code, value 'RUN-9'")
                .contains("INVALID: nothing was changed (dry run)");
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE org_id = ?", org.org().id())).isZero();
    }

    @Test
    void theValidateCommandExitsWithTwoOnWrongUsage() throws IOException {
        Org org = world.org(10, 5);
        Path file = validFile(org, 1);

        assertThat(validate("validate", "--format=programme", file.toString()).exitCode()).as("no org").isEqualTo(2);
        assertThat(validate("validate", "--org=" + org.org().code(), file.toString()).exitCode()).as("no format")
                .isEqualTo(2);
        assertThat(validate("validate", "--org=" + org.org().code(), "--format=programme").exitCode()).as("no file")
                .isEqualTo(2);
        Run missingFile = validate("validate", "--org=" + org.org().code(), "--format=programme",
                dir.resolve("missing.csv").toString());
        assertThat(missingFile.exitCode()).as("a file that does not exist").isEqualTo(2);
        assertThat(missingFile.output()).contains("usage: validate");
    }

    @Test
    void theValidateCommandExitsWithTwoNamingTheProblemForAnUnknownOrganisationFormatOrGroup() throws IOException {
        Org org = world.org(10, 5);
        Path file = validFile(org, 1);
        String unknownOrg = World.unique("nobody");

        Run noSuchOrg = validate("validate", "--org=" + unknownOrg, "--format=programme", file.toString());
        Run noSuchFormat = validate("validate", "--org=" + org.org().code(), "--format=spreadsheet", file.toString());
        Run noSuchGroup = validate("validate", "--org=" + org.org().code(), "--format=group", "--group=nope",
                file.toString());

        assertThat(noSuchOrg.exitCode()).isEqualTo(2);
        assertThat(noSuchOrg.output()).contains(unknownOrg);
        assertThat(noSuchFormat.exitCode()).isEqualTo(2);
        assertThat(noSuchFormat.output()).contains("spreadsheet");
        assertThat(noSuchGroup.exitCode()).isEqualTo(2);
        assertThat(noSuchGroup.output()).contains("nope");
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE org_id = ?", org.org().id())).isZero();
    }
}
