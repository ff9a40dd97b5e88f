package com.seatflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/**
 * Bad input of every kind: each file is rejected with the exact row, column, value and reason of every problem, and
 * nothing changes; and the well-formed but unusual files (BOM, CRLF, quoted fields, other column order) simply work.
 */
@SeatflowIntegrationTest
class ImportValidationIntegrationTests {

    static final String PROGRAMME_HEADER = "external_learner_id,email,program_code,program_run_code,expiry_time";
    static final String GROUP_HEADER = "user_email,user_pass,first_name,last_name";
    static final String EXPECTED_PROGRAMME_COLUMNS = "Expected the columns " + PROGRAMME_HEADER;

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    JdbcClient jdbc;

    // ---- helpers ----

    /** A date and time in the expiry format, {@code days} from now. */
    static String inDays(long days) {
        return RowValidator.UTC_DATE_TIME.format(Instant.now().plus(days, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** An address in a domain of the test's own organisation, so no other test's accounts are counted. */
    static String mail(Org org, String local) {
        return local + "@" + org.org().code() + ".example.org";
    }

    static String programmeRow(Org org, String learnerId, String local, String run) {
        return learnerId + "," + mail(org, local) + "," + org.programmeCode() + "," + run + "," + inDays(30);
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private List<ImportError> rejected(Org org, String format, byte[] content) {
        ImportJob job = ImportAwait.until(imports, world.submitBytes(org, format, content), ImportStatus.REJECTED);
        List<ImportError> errors = imports.errors(org.org().code(), job.id(), 1000);
        assertThat(job.errorCount()).isEqualTo(errors.size());
        assertThat(job.outcomeMessage()).contains(errors.size() + " error(s) found; nothing was applied");
        assertNothingChanged(org, job);
        return errors;
    }

    private List<ImportError> rejected(Org org, String format, String csv) {
        return rejected(org, format, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** No invitation, learner id, membership, account or seat came out of the rejected import. */
    private void assertNothingChanged(Org org, ImportJob job) {
        long orgId = org.org().id();
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", orgId)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ?", orgId)).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", org.group().id())).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm LIKE ?",
                "%@" + org.org().code() + ".example.org")).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM outbox_mail WHERE recipient LIKE ?",
                "%@" + org.org().code() + ".example.org")).isZero();
        assertThat(world.pool(org.programmePool().id()).reserved()).isZero();
        assertThat(world.pool(org.groupPool().id()).reserved()).isZero();
        assertThat(world.count("SELECT COUNT(*) FROM import_row WHERE import_id = ?", job.id())).isZero();
    }

    private ImportJob approveAndComplete(Org org, ImportJob submitted) {
        ImportJob valid = ImportAwait.until(imports, submitted, ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), valid.id(), true, org.adminUser(), null);
        return ImportAwait.until(imports, valid, ImportStatus.COMPLETED);
    }

    // ---- the file as a whole ----

    @Test
    void anEmptyFileIsRejectedWithAFileErrorNamingTheExpectedColumns() {
        Org org = world.org(10, 5);

        List<ImportError> errors = rejected(org, "programme", new byte[0]);

        assertThat(errors).containsExactly(new ImportError(null, null, null,
                "the file is empty: expected a header row with the columns " + PROGRAMME_HEADER));
    }

    @Test
    void aFileWithOnlyTheHeaderIsRejectedAsHavingNoRows() {
        Org org = world.org(10, 5);

        List<ImportError> errors = rejected(org, "programme", PROGRAMME_HEADER + "\r\n");

        assertThat(errors).containsExactly(new ImportError(null, null, null, "the file has a header but no data rows"));
    }

    @Test
    void aMissingColumnIsNamedOnTheHeaderRow() {
        Org org = world.org(10, 5);
        String csv = lines("external_learner_id,email,program_code,program_run_code",
                "L1," + mail(org, "ada") + "," + org.programmeCode() + ",RUN-1");

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(1, null, null,
                "the header row has missing column(s) expiry_time. " + EXPECTED_PROGRAMME_COLUMNS));
    }

    @Test
    void anUnknownColumnIsNamedOnTheHeaderRow() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER + ",nickname", programmeRow(org, "L1", "ada", "RUN-1") + ",Ada");

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(1, null, null,
                "the header row has unknown column(s) nickname. " + EXPECTED_PROGRAMME_COLUMNS));
    }

    @Test
    void aRepeatedColumnIsNamedOnTheHeaderRow() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER + ",email", programmeRow(org, "L1", "ada", "RUN-1") + "," + mail(org, "ada"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(1, null, null,
                "the header row has repeated column(s) email. " + EXPECTED_PROGRAMME_COLUMNS));
    }

    @Test
    void aWideHeaderOfUnknownAndRepeatedColumnsGetsAShortReadableReason() {
        Org org = world.org(10, 5);
        var header = new StringBuilder("x".repeat(10_000)).append(',').append(PROGRAMME_HEADER)
                .append(",Customer Reference Number For Billing");
        for (int i = 1; i <= 60; i++) {
            header.append(",col").append(i);
        }
        header.append(",email,,");
        String csv = lines(header.toString(), programmeRow(org, "L1", "ada", "RUN-1"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(1, null, null, "the header row has unknown column(s) "
                + "xxxxxxxxxxxxxxxxxxxxxxxx…, Customer Reference Numbe…, col1 and 60 more; repeated column(s) email,"
                + " (empty). " + EXPECTED_PROGRAMME_COLUMNS));
    }

    @Test
    void aPngImageIsRejectedAsBinaryData() {
        Org org = world.org(10, 5);
        var png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89});

        List<ImportError> errors = rejected(org, "programme", png.toByteArray());

        assertThat(errors).containsExactly(new ImportError(null, null, null,
                "the file is binary data (for example an image or a spreadsheet workbook), not CSV text;"
                        + " save it as CSV UTF-8 and upload it again"));
    }

    @Test
    void aUtf16FileIsRejectedNamingItsEncoding() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"));

        List<ImportError> errors = rejected(org, "programme", ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_16LE));

        assertThat(errors).containsExactly(new ImportError(null, null, null,
                "the file is UTF-16 text, not UTF-8; save it as CSV UTF-8 and upload it again"));
    }

    @Test
    void aNulByteFurtherDownTheFileIsReportedOnItsRow() {
        Org org = world.org(100, 5);
        var csv = new StringBuilder(PROGRAMME_HEADER).append('\n');
        for (int i = 1; i <= 60; i++) {
            csv.append(programmeRow(org, "L" + i, "learner" + i, "RUN-1")).append('\n');
        }
        assertThat(csv.length()).isGreaterThan(4096);
        csv.append("L61\0\0\0,").append(mail(org, "bob")).append(',').append(org.programmeCode()).append(",RUN-1,")
                .append(inDays(30)).append('\n').append(programmeRow(org, "L62", "cy", "RUN-1")).append('\n');

        List<ImportError> errors = rejected(org, "programme", csv.toString());

        assertThat(errors).containsExactly(
                new ImportError(62, null, null, "the file is binary, not CSV text (a NUL byte on row 62)"));
    }

    @Test
    void aFieldOfMoreThan100KilobytesIsReportedShortenedAndTheRestOfTheFileIsStillChecked() {
        Org org = world.org(10, 5);
        String huge = "A".repeat(150_000);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + ",," + huge + ",Lovelace", "not-an-email,,Bob,Builder");

        List<ImportError> errors = rejected(org, "group", csv);

        assertThat(errors).containsExactly(
                new ImportError(2, "first_name", "A".repeat(80) + "…",
                        "the value is 150000 characters long; at most 100 are allowed"),
                new ImportError(3, "user_email", "not-an-email", "not a valid email address"));
    }

    @Test
    void aFileThatIsNotUtf8IsRejectedWithTheRowWhereTheBadByteIs() {
        Org org = world.org(10, 5);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + ",,Ada,Lovelace", mail(org, "jose") + ",,José,Müller",
                mail(org, "zoe") + ",,Zoë,Zürcher");

        List<ImportError> errors = rejected(org, "group", csv.getBytes(StandardCharsets.ISO_8859_1));

        String reason = "the file is not UTF-8 text (an invalid byte sequence on row 3); save it as CSV UTF-8 and"
                + " upload it again";
        assertThat(errors).containsExactly(new ImportError(3, "first_name", "Jos\uFFFD", reason),
                new ImportError(3, "last_name", "M\uFFFDller", reason));
    }

    @Test
    void aRowWithTooFewValuesIsReportedOnceWithTheCounts() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                mail(org, "bob") + "," + org.programmeCode() + ",RUN-1," + inDays(30));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(3, null, null, "the row has 4 value(s) but the header has 5 column(s)"));
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheRowWhereItStarts() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2,\"" + mail(org, "bob") + "," + org.programmeCode() + ",RUN-1," + inDays(30),
                programmeRow(org, "L3", "cy", "RUN-1"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(3, null, null,
                "a quoted value that starts on row 3 is never closed: the file ends inside it"));
    }

    @Test
    void textAfterAClosingQuoteIsReportedOnItsRow() {
        Org org = world.org(10, 5);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + ",,Ada,Lovelace",
                mail(org, "bob") + ",,\"Bob\" the builder,Builder");

        List<ImportError> errors = rejected(org, "group", csv);

        assertThat(errors).containsExactly(new ImportError(3, null, null,
                "a quoted value on row 3 is followed by other characters before the next comma"
                        + " (a quote inside a quoted value is written as two quotes: \"\")"));
    }

    @Test
    void aFileWhoseRowsAreAllEmptyHasNoDataRows() {
        Org org = world.org(10, 5);

        List<ImportError> errors = rejected(org, "programme", lines(PROGRAMME_HEADER, ",,,,", "", " , ,,,"));

        assertThat(errors).containsExactly(new ImportError(null, null, null, "the file has a header but no data rows"));
    }

    // ---- unusual files that must simply work ----

    @Test
    void aFileWithAByteOrderMarkAndCrlfLineEndingsIsAccepted() {
        Org org = world.org(10, 5);
        String expiry = inDays(40);
        String csv = "\uFEFF" + PROGRAMME_HEADER + "\r\n"
                + "L1," + mail(org, "ada") + "," + org.programmeCode() + ",RUN-1," + expiry + "\r\n"
                + "L2," + mail(org, "bob") + "," + org.programmeCode() + ",RUN-2," + expiry + "\r\n";

        ImportJob done = approveAndComplete(org, world.submit(org, "programme", csv));

        assertThat(done.totalRows()).isEqualTo(2);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND external_learner_id = 'L1' AND email = ?",
                org.org().id(), mail(org, "ada"))).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND external_learner_id = 'L2' AND email = ?",
                org.org().id(), mail(org, "bob"))).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ? AND expires_at = ?", org.org().id(),
                java.time.OffsetDateTime.of(java.time.LocalDateTime.parse(expiry, RowValidator.UTC_DATE_TIME),
                        ZoneOffset.UTC))).isEqualTo(2);
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(2);
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksKeepTheirValues() {
        Org org = world.org(10, 5);
        String csv = GROUP_HEADER + "\r\n"
                + mail(org, "ada") + ",,\"Ada, \"\"the Countess\"\"\nof Lovelace\",\"King, Noel\"\r\n"
                + "\"" + mail(org, "bob") + "\",\"pass,word \"\"x\"\"\",Bob,Builder\r\n";

        ImportJob done = approveAndComplete(org, world.submit(org, "group", csv));

        assertThat(done.totalRows()).isEqualTo(2);
        Map<String, Object> ada = jdbc.sql("SELECT first_name, last_name FROM user_account WHERE email_norm = ?")
                .param(mail(org, "ada")).query().singleRow();
        assertThat(ada.values()).containsExactly("Ada, \"the Countess\"\nof Lovelace", "King, Noel");
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ? AND first_name = 'Bob'"
                + " AND password_hash IS NOT NULL", mail(org, "bob"))).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", org.group().id())).isEqualTo(2);
    }

    @Test
    void columnsInAnotherOrderAreMatchedByName() {
        Org org = world.org(10, 5);
        String csv = lines("expiry_time,program_run_code,email,external_learner_id,program_code",
                inDays(20) + ",RUN-2," + mail(org, "ada") + ",S-77," + org.programmeCode());

        approveAndComplete(org, world.submit(org, "programme", csv));

        assertThat(world.count("""
                SELECT COUNT(*) FROM invitation i JOIN programme_run r ON r.id = i.run_id
                 WHERE i.org_id = ? AND r.code = 'RUN-2' AND i.email = ? AND i.external_learner_id = 'S-77'""",
                org.org().id(), mail(org, "ada"))).isEqualTo(1);
    }

    @Test
    void emptyLinesAndRowsOfOnlyCommasAreSkipped() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"), ",,,,", "",
                programmeRow(org, "L2", "bob", "RUN-2"), ",,,,", ",,,,");

        ImportJob valid = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.AWAITING_REVIEW);

        assertThat(valid.newRows()).isEqualTo(2);
        assertThat(valid.errorCount()).isZero();
    }

    @Test
    void emptyLinesStillCountSoErrorsNameTheRowASpreadsheetShows() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"), "", ",,,,",
                "L2,bob.example.org," + org.programmeCode() + ",RUN-1," + inDays(30));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(5, "email", "bob.example.org", "not a valid email address"));
    }

    // ---- errors in rows ----

    @Test
    void anInvalidEmailIsReportedWithRowColumnAndValue() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2,bob.example.org," + org.programmeCode() + ",RUN-1," + inDays(30),
                "L3,cy@@example.org," + org.programmeCode() + ",RUN-1," + inDays(30));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(3, "email", "bob.example.org", "not a valid email address"),
                new ImportError(4, "email", "cy@@example.org", "not a valid email address"));
    }

    @Test
    void anExpiryTimeInAnotherFormatOrAnImpossibleDateIsReported() {
        Org org = world.org(10, 5);
        String prefix = "," + org.programmeCode() + ",RUN-1,";
        String isoWithT = inDays(30).replace(' ', 'T');
        String csv = lines(PROGRAMME_HEADER,
                "L1," + mail(org, "ada") + prefix + "2027/01/15 09:00:00",
                "L2," + mail(org, "bob") + prefix + "15.01.2027",
                "L3," + mail(org, "cy") + prefix + "2027-02-30 09:00:00",
                "L4," + mail(org, "di") + prefix + isoWithT);

        List<ImportError> errors = rejected(org, "programme", csv);

        String reason = "not a date and time in UTC as YYYY-MM-DD HH:MM:SS";
        assertThat(errors).containsExactly(
                new ImportError(2, "expiry_time", "2027/01/15 09:00:00", reason),
                new ImportError(3, "expiry_time", "15.01.2027", reason),
                new ImportError(4, "expiry_time", "2027-02-30 09:00:00", reason),
                new ImportError(5, "expiry_time", isoWithT, reason));
    }

    @Test
    void anExpiryTimeInThePastIsReported() {
        Org org = world.org(10, 5);
        String yesterday = inDays(-1);
        String csv = lines(PROGRAMME_HEADER,
                "L1," + mail(org, "ada") + "," + org.programmeCode() + ",RUN-1," + yesterday);

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(2, "expiry_time", yesterday, "the expiry time is in the past"));
    }

    @Test
    void anExpiryTimeMoreThan366DaysAheadIsReportedAndOneJustWithinIsNot() {
        Org org = world.org(10, 5);
        String tooLate = inDays(367);
        String csv = lines(PROGRAMME_HEADER,
                "L1," + mail(org, "ada") + "," + org.programmeCode() + ",RUN-1," + inDays(365),
                "L2," + mail(org, "bob") + "," + org.programmeCode() + ",RUN-1," + tooLate);

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(3, "expiry_time", tooLate, "the expiry time is more than 366 days ahead"));
    }

    @Test
    void anUnknownProgrammeCodeIsReported() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2," + mail(org, "bob") + ",NO-SUCH-PROGRAMME,RUN-1," + inDays(30));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(3, "program_code", "NO-SUCH-PROGRAMME", "no programme with this code"));
    }

    @Test
    void anUnknownRunCodeIsReported() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-9"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(2, "program_run_code", "RUN-9",
                "programme " + org.programmeCode() + " has no run with this code"));
    }

    @Test
    void aWeakPasswordIsReportedWithoutShowingIt() {
        Org org = world.org(10, 5);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + ",correct-horse-battery,Ada,Lovelace",
                mail(org, "bob") + ",hunter2,Bob,Builder");

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 10)).containsExactly(new ImportError(3, "user_pass",
                "(hidden)", "the password is too weak: use at least 10 characters"));
        assertThat(world.count("SELECT COUNT(*) FROM import_error WHERE cell_value LIKE '%hunter2%'")).isZero();
        assertNothingChanged(org, job);
    }

    /** 40 letters of two bytes each fit the column's 64 characters but not bcrypt's 72 bytes, which would refuse them. */
    @Test
    void aPasswordOfMoreBytesThanBcryptReadsIsReportedWithoutShowingIt() {
        Org org = world.org(10, 5);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + "," + "é".repeat(40) + ",Ada,Lovelace");

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 10)).containsExactly(new ImportError(2, "user_pass",
                "(hidden)", "the password is too long: bcrypt reads at most 72 bytes (letters beyond plain ASCII take"
                        + " 2 to 4 each)"));
        assertNothingChanged(org, job);
    }

    @Test
    void aPasswordLongerThanAllowedIsReportedWithoutShowingIt() {
        Org org = world.org(10, 5);
        String password = "horse-" + "x".repeat(64);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + "," + password + ",Ada,Lovelace");

        ImportJob job = ImportAwait.until(imports, world.submit(org, "group", csv), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 10)).containsExactly(new ImportError(2, "user_pass",
                "(hidden)", "the value is 70 characters long; at most 64 are allowed"));
        assertThat(world.count("SELECT COUNT(*) FROM import_error WHERE cell_value LIKE '%horse-xxx%'")).isZero();
        assertNothingChanged(org, job);
    }

    @Test
    void theSameEmailTwiceInAGroupFileIsADuplicateComparedTrimmedAndCaseInsensitively() {
        Org org = world.org(10, 5);
        String ada = mail(org, "ada");
        String csv = lines(GROUP_HEADER, ada + ",,Ada,Lovelace", mail(org, "bob") + ",,Bob,Builder",
                "  " + ada.toUpperCase() + " ,,Ada,Again");

        List<ImportError> errors = rejected(org, "group", csv);

        assertThat(errors).containsExactly(
                new ImportError(4, "user_email", ada.toUpperCase(), "duplicate of row 2 (the same email)"));
    }

    @Test
    void theSameLearnerAndRunTwiceInAProgrammeFileIsADuplicate() {
        Org org = world.org(10, 5);
        String ada = mail(org, "ada");
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                programmeRow(org, "L1", "ada", "RUN-2"),
                "L1, " + ada.toUpperCase() + " ," + org.programmeCode() + ",RUN-1," + inDays(31));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(4, "email", ada.toUpperCase(), "duplicate of row 2 (the same email and programme run)"),
                new ImportError(4, "external_learner_id", "L1",
                        "duplicate of row 2 (the same learner id and programme run)"));
    }

    @Test
    void oneLearnerIdWithTwoEmailsInTheFileIsReported() {
        Org org = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                programmeRow(org, "L1", "ada.other", "RUN-2"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(3, "external_learner_id", "L1",
                "this learner id is used with another email on row 2"));
    }

    @Test
    void aLearnerIdThatAlreadyBelongsToAnotherEmailInTheOrganisationIsReported() {
        Org org = world.org(10, 5);
        approveAndComplete(org, world.submit(org, "programme", lines(PROGRAMME_HEADER,
                programmeRow(org, "L1", "ada", "RUN-1"))));
        String conflicting = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "someone.else", "RUN-2"),
                programmeRow(org, "L2", "ada", "RUN-2"));

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", conflicting), ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 10)).containsExactly(
                new ImportError(2, "external_learner_id", "L1",
                        "this learner id already belongs to another email in this organisation"),
                new ImportError(3, "email", mail(org, "ada"),
                        "this email is already linked to another learner id in this organisation"));
        assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE org_id = ?", org.org().id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM learner_identity WHERE org_id = ?", org.org().id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM user_account WHERE email_norm = ?", mail(org, "someone.else")))
                .isZero();
        assertThat(world.pool(org.programmePool().id()).reserved()).isEqualTo(1);
    }

    @Test
    void everyErrorOfAFileWithManyKindsOfMistakesIsReported() {
        Org org = world.org(10, 5);
        String code = org.programmeCode();
        String past = inDays(-3);
        String csv = lines(PROGRAMME_HEADER,
                programmeRow(org, "L1", "ada", "RUN-1"),
                "L2,bob-at-example.org," + code + ",RUN-1," + inDays(30),
                "L3," + mail(org, "cy") + "," + code + ",RUN-7," + inDays(30),
                "," + mail(org, "di") + "," + code + ",RUN-1,tomorrow",
                "L5," + mail(org, "ed") + ",NOPE,RUN-1," + inDays(30),
                "L6," + mail(org, "flo") + "," + code + ",RUN-1",
                programmeRow(org, "L7", "gus", "RUN-2"),
                "L8," + mail(org, "hal") + ",bad code!,RUN-1," + past,
                programmeRow(org, "L7", "gus", "RUN-2"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(
                new ImportError(3, "email", "bob-at-example.org", "not a valid email address"),
                new ImportError(4, "program_run_code", "RUN-7", "programme " + code + " has no run with this code"),
                new ImportError(5, "expiry_time", "tomorrow", "not a date and time in UTC as YYYY-MM-DD HH:MM:SS"),
                new ImportError(5, "external_learner_id", "", "a value is required"),
                new ImportError(6, "program_code", "NOPE", "no programme with this code"),
                new ImportError(7, null, null, "the row has 4 value(s) but the header has 5 column(s)"),
                new ImportError(9, "expiry_time", past, "the expiry time is in the past"),
                new ImportError(9, "program_code", "bad code!",
                        "a code may only contain letters, digits, '.', '_' and '-'"),
                new ImportError(10, "email", mail(org, "gus"), "duplicate of row 8 (the same email and programme run)"),
                new ImportError(10, "external_learner_id", "L7",
                        "duplicate of row 8 (the same learner id and programme run)"));
    }

    /**
     * The tests validate in blocks of 1,000 rows, checked by two workers side by side: errors in different blocks,
     * and a duplicate whose first row is in another block, are all named on their own rows.
     */
    @Test
    void errorsInBlocksCheckedSideBySideKeepTheirRowNumbers() {
        Org org = world.org(5_000, 5);
        var csv = new StringBuilder(PROGRAMME_HEADER).append('\n');
        for (int i = 1; i <= 4_500; i++) {
            String local = switch (i) {
                case 7 -> "bad-at-" + i; // row 8, first block
                case 2_345 -> "another-bad"; // row 2,346, third block
                default -> "l" + i;
            };
            String learner = i == 4_499 ? "L10" : "L" + i; // row 4,500, fifth block, repeats row 11 (second block)
            String address = i == 7 || i == 2_345 ? local : mail(org, i == 4_499 ? "l10" : local);
            csv.append(learner).append(',').append(address).append(',').append(org.programmeCode())
                    .append(",RUN-1,").append(inDays(30)).append('\n');
        }

        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv.toString()),
                ImportStatus.REJECTED);

        assertThat(imports.errors(org.org().code(), job.id(), 100)).containsExactly(
                new ImportError(8, "email", "bad-at-7", "not a valid email address"),
                new ImportError(2_346, "email", "another-bad", "not a valid email address"),
                new ImportError(4_500, "email", mail(org, "l10"), "duplicate of row 11 (the same email and programme run)"),
                new ImportError(4_500, "external_learner_id", "L10",
                        "duplicate of row 11 (the same learner id and programme run)"));
        assertThat(job.totalRows()).isEqualTo(4_500);
        assertThat(job.validatedRows()).isEqualTo(4_500);
        assertNothingChanged(org, job);
    }

    @Test
    void aRejectedFileCanBeUploadedAgainAndOnceFixedItIsAccepted() {
        Org org = world.org(10, 5);
        String bad = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2,bob-at-example.org," + org.programmeCode() + ",RUN-1," + inDays(30));
        ImportJob first = ImportAwait.until(imports, world.submit(org, "programme", bad), ImportStatus.REJECTED);

        ImportJob again = ImportAwait.until(imports, world.submit(org, "programme", bad), ImportStatus.REJECTED);
        ImportJob fixed = ImportAwait.until(imports,
                world.submit(org, "programme", bad.replace("bob-at-example.org", mail(org, "bob"))),
                ImportStatus.AWAITING_REVIEW);

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.duplicateOf()).isNull();
        assertThat(imports.errors(org.org().code(), again.id(), 10))
                .isEqualTo(imports.errors(org.org().code(), first.id(), 10)).hasSize(1);
        assertThat(fixed.newRows()).isEqualTo(2);
        assertThat(fixed.errorCount()).isZero();
    }

    @Test
    void aProgrammeTheOrganisationHoldsNoSeatsForIsRefused() {
        Org org = world.org(10, 5);
        Org seller = world.org(10, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2," + mail(org, "bob") + "," + seller.programmeCode() + ",RUN-2," + inDays(30));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(3, "program_run_code", "RUN-2",
                "no seats for " + seller.programmeCode() + " in this organisation"));
        assertThat(world.pool(seller.programmePool().id()).reserved()).isZero();
    }

    // ---- seats ----

    @Test
    void rowsBeyondTheFreeSeatsOfTheProgrammePoolAreRefusedNamingThePool() {
        Org org = world.org(2, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                programmeRow(org, "L2", "bob", "RUN-2"), programmeRow(org, "L3", "cy", "RUN-1"),
                programmeRow(org, "L4", "di", "RUN-2"));

        List<ImportError> errors = rejected(org, "programme", csv);

        String reason = "no free seat left in pool " + org.programmeCode() + " (pool #" + org.programmePool().id()
                + "): 4 needed, 2 free";
        assertThat(errors).containsExactly(new ImportError(4, "program_run_code", "RUN-1", reason),
                new ImportError(5, "program_run_code", "RUN-2", reason));
        assertThat(world.pool(org.programmePool().id()).free()).isEqualTo(2);
    }

    @Test
    void rowsWithOtherErrorsTakeNoSeatWhenSeatsAreCounted() {
        Org org = world.org(2, 5);
        String csv = lines(PROGRAMME_HEADER, programmeRow(org, "L1", "ada", "RUN-1"),
                "L2,not-an-email," + org.programmeCode() + ",RUN-1," + inDays(30),
                programmeRow(org, "L3", "cy", "RUN-1"), programmeRow(org, "L4", "di", "RUN-1"));

        List<ImportError> errors = rejected(org, "programme", csv);

        assertThat(errors).containsExactly(new ImportError(3, "email", "not-an-email", "not a valid email address"),
                new ImportError(5, "program_run_code", "RUN-1", "no free seat left in pool " + org.programmeCode()
                        + " (pool #" + org.programmePool().id() + "): 3 needed, 2 free"));
    }

    @Test
    void rowsBeyondTheFreeSeatsOfTheGroupPoolAreRefusedNamingThePool() {
        Org org = world.org(10, 1);
        String csv = lines(GROUP_HEADER, mail(org, "ada") + ",,Ada,Lovelace", mail(org, "bob") + ",,Bob,Builder");

        String module = jdbc.sql("SELECT p.code FROM product p JOIN seat_pool s ON s.product_id = p.id WHERE s.id = ?")
                .param(org.groupPool().id()).query(String.class).single();

        List<ImportError> errors = rejected(org, "group", csv);

        assertThat(errors).containsExactly(new ImportError(3, "user_email", mail(org, "bob"), "no free seat left in pool "
                + module + " (group pool #" + org.groupPool().id() + "): 2 needed, 1 free"));
    }
}
