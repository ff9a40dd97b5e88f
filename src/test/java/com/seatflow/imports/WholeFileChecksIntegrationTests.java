package com.seatflow.imports;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/**
 * The checks that compare rows with one another name every offending row with the row it repeats or contradicts,
 * however many clean rows surround them (the checks first look for repeated values, then examine only those).
 */
@SeatflowIntegrationTest
class WholeFileChecksIntegrationTests {

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;

    @Test
    void duplicatesAndContradictionsAreReportedAgainstTheirFirstRow() {
        Org org = world.org(100, 5);
        String p = org.programmeCode();
        String csv = "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "L1,a@example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n" // row 2
                + "L1,A@Example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n" // row 3: same email, id and run as row 2
                + "L2,a@example.org," + p + ",RUN-2," + BULK_EXPIRY + "\n" // row 4: a@ had id L1 on row 2
                + "L2,b@example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n" // row 5: L2 had a@ on row 4
                + "L3,c@example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n" // row 6: fine
                + "L3,c@example.org," + p + ",RUN-2," + BULK_EXPIRY + "\n"; // row 7: fine (another run)

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 100)).containsExactlyInAnyOrder(
                new ImportError(3, "email", "A@Example.org", "duplicate of row 2 (the same email and programme run)"),
                new ImportError(3, "external_learner_id", "L1",
                        "duplicate of row 2 (the same learner id and programme run)"),
                new ImportError(4, "email", "a@example.org", "this email is used with another learner id on row 2"),
                new ImportError(5, "external_learner_id", "L2", "this learner id is used with another email on row 4"));
    }

    @Test
    void aCleanFileHasNoCrossRowErrors() {
        Org org = world.org(100, 5);
        String p = org.programmeCode();
        String csv = "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "L1,a@example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n"
                + "L1,a@example.org," + p + ",RUN-2," + BULK_EXPIRY + "\n"
                + "L2,b@example.org," + p + ",RUN-1," + BULK_EXPIRY + "\n";

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.AWAITING_REVIEW);

        assertThat(job.errorCount()).isZero();
        assertThat(job.newRows()).isEqualTo(3);
        assertThat(valuesRepeat(job)).as("L1 / a@ is on two rows").isTrue();
    }

    @Test
    void validationRecordsWhetherAnyEmailOrLearnerIdRepeatsForTheCommit() {
        Org org = world.org(100, 5);
        Org other = world.org(100, 5);
        Org third = world.org(100, 5);
        ImportJob clean = ImportAwait.until(imports, world.submit(org, "programme",
                csv(org, "L1,a@example.org,RUN-1", "L2,b@example.org,RUN-2")), ImportStatus.AWAITING_REVIEW);
        ImportJob sameIdTwice = ImportAwait.until(imports, world.submit(other, "programme", csv(other,
                "L1,a@example.org,RUN-1", "L2,b@example.org,RUN-2", "L2,b@example.org,RUN-1")),
                ImportStatus.AWAITING_REVIEW);
        ImportJob sameEmailAgain = ImportAwait.until(imports, world.submit(third, "programme",
                csv(third, "L7,same@example.org,RUN-1", "L8,SAME@example.org,RUN-2")), ImportStatus.REJECTED);

        assertThat(valuesRepeat(clean)).isFalse();
        assertThat(valuesRepeat(sameIdTwice)).isTrue();
        assertThat(valuesRepeat(sameEmailAgain)).as("emails are compared normalised").isTrue();
        imports.decide(org.org().code(), clean.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, clean, ImportStatus.COMPLETED);
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ?", org.org().id())).isEqualTo(2);
    }

    /** A programme file of rows given as {@code learner id,email,run} for the organisation's programme. */
    private static String csv(Org org, String... rows) {
        var csv = new StringBuilder("external_learner_id,email,program_code,program_run_code,expiry_time\n");
        for (String row : rows) {
            String[] v = row.split(",");
            csv.append(v[0]).append(',').append(v[1]).append(',').append(org.programmeCode()).append(',').append(v[2])
                    .append("," + BULK_EXPIRY + "\n");
        }
        return csv.toString();
    }

    private boolean valuesRepeat(ImportJob job) {
        return world.count("SELECT COUNT(*) FROM import_job WHERE id = ? AND values_repeat = TRUE", job.id()) == 1;
    }

    @Test
    void aGroupFileNamesEachRepeatedEmail() {
        Org org = world.org(10, 10);
        String csv = "user_email,user_pass,first_name,last_name\n"
                + "x@example.org,,Xavier,One\n" // row 2
                + "y@example.org,,Yvonne,Two\n" // row 3
                + "X@EXAMPLE.org,,Xavier,Again\n" // row 4
                + "x@example.org,,Xavier,Thrice\n"; // row 5

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 100)).containsExactlyInAnyOrder(
                new ImportError(4, "user_email", "X@EXAMPLE.org", "duplicate of row 2 (the same email)"),
                new ImportError(5, "user_email", "x@example.org", "duplicate of row 2 (the same email)"));
    }
}
