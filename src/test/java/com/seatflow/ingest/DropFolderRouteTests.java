package com.seatflow.ingest;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

/** The drop folder of the test properties ({@code target/test-inbound}), watched by the real route. */
@SeatflowIntegrationTest
class DropFolderRouteTests {

    static final Duration PICK_UP = Duration.ofSeconds(30);

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Value("${seatflow.inbound.dir}")
    Path inbound;
    @Autowired
    CamelContext camel;
    @Autowired
    InboundMessageIds inboundMessageIds;
    @Autowired
    Clock clock;
    @Autowired
    DropFolderRoutes dropFolderRoutes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DropFolderResults dropFolderResults;

    static String programmeCsv(Org org, String learner) {
        return "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + learner + "," + learner + "@example.org," + org.programmeCode() + "," + org.run1()
                + "," + BULK_EXPIRY + "\n";
    }

    /** Writes the file outside the drop folder, then moves it in, as a well-behaved uploader does. */
    private Path drop(String relative, String content) throws IOException {
        Path target = inbound.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(Path.of("target"), "drop-", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private ImportJob importOf(Org org, String fileName) {
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.list(org.org().code()).stream().filter(j -> j.fileName().equals(fileName))
                        .toList(), jobs -> !jobs.isEmpty())
                .get(0);
    }

    /**
     * The files Camel moved to {@code .processed/} or {@code .failed/} for a file dropped at {@code relative} (not the
     * result files written beside them).
     */
    private List<Path> movedTo(String area, String relative) throws IOException {
        Path dir = inbound.resolve(area).resolve(relative).getParent();
        String prefix = Path.of(relative).getFileName() + ".";
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith(prefix) && !name.endsWith(ImportResultFiles.RESULT_SUFFIX)
                            && !name.endsWith(ImportResultFiles.ERRORS_SUFFIX))
                    .sorted().map(dir::resolve).toList();
        }
    }

    private List<Path> awaitMoved(String area, String relative, int files) {
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> movedTo(area, relative), moved -> moved.size() >= files);
    }

    /** The sender of a dropped file finds the outcome beside it, as an SFTP sender does, without the API. */
    @Test
    void theOutcomeOfADroppedFileIsWrittenBesideItAndRewrittenWhenItChanges() throws IOException {
        Org org = world.org(10, 5);
        String rejectedName = World.unique("typo-") + ".csv";
        String rejected = org.org().code() + "/programme/" + rejectedName;
        String validName = World.unique("good-") + ".csv";
        String valid = org.org().code() + "/programme/" + validName;
        drop(rejected, programmeCsv(org, "L1").replace("L1@example.org", "L1-at-example.org"));
        drop(valid, programmeCsv(org, "L2"));

        Path rejectedFile = awaitMoved(DropFolderRoutes.PROCESSED, rejected, 1).get(0);
        Path rejectedResult = awaitResult(rejectedFile, "status: REJECTED");
        assertThat(Files.readString(rejectedResult)).contains("errors: 1", "error report: " + rejectedFile.getFileName()
                + ImportResultFiles.ERRORS_SUFFIX);
        assertThat(Files.readString(rejectedFile.resolveSibling(rejectedFile.getFileName()
                + ImportResultFiles.ERRORS_SUFFIX))).contains("2,email,L1-at-example.org,not a valid email address");

        Path validFile = awaitMoved(DropFolderRoutes.PROCESSED, valid, 1).get(0);
        awaitResult(validFile, "status: AWAITING_REVIEW");
        ImportJob job = ImportAwait.until(imports, importOf(org, validName), ImportStatus.AWAITING_REVIEW);
        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        awaitResult(validFile, "status: COMPLETED");
        assertThat(validFile.resolveSibling(validFile.getFileName() + ImportResultFiles.ERRORS_SUFFIX)).doesNotExist();
    }

    private Path awaitResult(Path movedFile, String line) {
        Path result = movedFile.resolveSibling(movedFile.getFileName() + ImportResultFiles.RESULT_SUFFIX);
        await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result) && Files.readString(result).contains(line));
        return result;
    }

    @Test
    void aProgrammeFileBecomesAnImportOfItsOrganisationAndIsMovedToProcessed() throws IOException {
        Org org = world.org(10, 5);
        String fileName = World.unique("cohort-") + ".csv";
        String relative = org.org().code() + "/programme/" + fileName;
        Path dropped = drop(relative, programmeCsv(org, "L1"));

        ImportJob job = importOf(org, fileName);

        assertThat(job.source()).isEqualTo("DROP_FOLDER");
        assertThat(job.format()).isEqualTo("programme");
        assertThat(job.groupCode()).isNull();
        assertThat(job.uploadedBy()).isEqualTo("drop-folder");
        ImportJob validated = ImportAwait.until(imports, job, ImportStatus.AWAITING_REVIEW);
        assertThat(validated.totalRows()).isEqualTo(1);
        Path processed = awaitMoved(DropFolderRoutes.PROCESSED, relative, 1).get(0);
        assertThat(Files.readString(processed)).isEqualTo(programmeCsv(org, "L1"));
        assertThat(dropped).doesNotExist();
        assertThat(movedTo(DropFolderRoutes.FAILED, relative)).isEmpty();
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenUntilItStopsChanging() throws Exception {
        Org org = world.org(50, 5);
        String fileName = World.unique("slow-") + ".csv";
        String relative = org.org().code() + "/programme/" + fileName;
        Path file = inbound.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, programmeCsv(org, "L0"), StandardCharsets.UTF_8);
        int appends = 15;
        var writer = Executors.newSingleThreadScheduledExecutor();
        var written = new AtomicInteger();
        try {
            writer.scheduleAtFixedRate(() -> {
                int n = written.incrementAndGet();
                if (n <= appends) {
                    appendLine(file, "L" + n + ",L" + n + "@example.org," + org.programmeCode() + "," + org.run1()
                            + "," + BULK_EXPIRY + "\n");
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            ImportJob job = ImportAwait.until(imports, importOf(org, fileName), ImportStatus.AWAITING_REVIEW);

            assertThat(written.get()).as("the file was complete when it was taken").isGreaterThan(appends);
            assertThat(job.totalRows()).isEqualTo(appends + 1);
        } finally {
            writer.shutdownNow();
        }
    }

    private static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileInAGroupFolderBecomesAGroupImport() throws IOException {
        Org org = world.org(10, 5);
        String fileName = World.unique("members-") + ".csv";
        String relative = org.org().code() + "/group/team/" + fileName;
        drop(relative, "user_email,user_pass,first_name,last_name\n" + World.unique("m") + "@example.org,,Mo,Member\n");

        ImportJob job = importOf(org, fileName);

        assertThat(job.format()).isEqualTo("group");
        assertThat(job.groupCode()).isEqualTo("team");
        assertThat(job.groupId()).isEqualTo(org.group().id());
        ImportAwait.until(imports, job, ImportStatus.AWAITING_REVIEW);
        awaitMoved(DropFolderRoutes.PROCESSED, relative, 1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aFileForAnUnknownOrganisationFailsWithAnErrorFileAndCreatesNothing(CapturedOutput log) throws IOException {
        String unknown = World.unique("nobody");
        String fileName = World.unique("lost-") + ".csv";
        String relative = unknown + "/programme/" + fileName;
        drop(relative, "external_learner_id,email,program_code,program_run_code,expiry_time\n");

        List<Path> failed = awaitMoved(DropFolderRoutes.FAILED, relative, 2);

        assertThat(failed).hasSize(2);
        Path file = failed.get(0);
        Path error = failed.get(1);
        assertThat(error.getFileName().toString()).isEqualTo(file.getFileName() + DropFolderRoutes.ERROR_SUFFIX);
        assertThat(Files.readString(error)).contains(relative).contains("No organisation with code '" + unknown + "'");
        assertThat(inbound.resolve(relative)).doesNotExist();
        assertThat(movedTo(DropFolderRoutes.PROCESSED, relative)).isEmpty();
        assertThat(world.count("SELECT COUNT(*) FROM import_job WHERE file_name = ?", fileName)).isZero();
        // the sender's mistake is one warning, not an error with Camel's stack trace
        assertThat(log.getAll()).contains("Dropped file " + relative + " was not imported: No organisation with code");
        assertThat(log.getAll().substring(log.getAll().indexOf(relative))).doesNotContain("Failed delivery")
                .doesNotContain("NotFoundException");
    }

    @Test
    void aFileOutsideTheExpectedLayoutFailsWithTheLayoutInItsErrorFile() throws IOException {
        Org org = world.org(10, 5);
        String fileName = World.unique("flat-") + ".csv";
        String relative = org.org().code() + "/" + fileName;
        drop(relative, programmeCsv(org, "L1"));

        List<Path> failed = awaitMoved(DropFolderRoutes.FAILED, relative, 2);

        assertThat(Files.readString(failed.get(1))).contains("is not <org>/<format>/[<group>/]<file>.csv");
        assertThat(imports.list(org.org().code())).isEmpty();
    }

    @Test
    void filesUnderSamplesAreLeftAlone() throws IOException {
        Org org = world.org(10, 5);
        String sampleName = World.unique("sample-") + ".csv";
        String sample = "samples/" + org.org().code() + "/programme/" + sampleName;
        Path sampleFile = drop(sample, programmeCsv(org, "S1"));
        String realName = World.unique("real-") + ".csv";
        String real = org.org().code() + "/programme/" + realName;
        drop(real, programmeCsv(org, "R1"));

        awaitMoved(DropFolderRoutes.PROCESSED, real, 1);

        assertThat(sampleFile).exists();
        assertThat(imports.list(org.org().code())).extracting(ImportJob::fileName).containsExactly(realName);
        assertThat(movedTo(DropFolderRoutes.PROCESSED, sample)).isEmpty();
        assertThat(movedTo(DropFolderRoutes.FAILED, sample)).isEmpty();
        Files.delete(sampleFile);
    }

    @Test
    void theSameContentDroppedTwiceIsADuplicate() throws IOException {
        Org org = world.org(10, 5);
        String csv = programmeCsv(org, "L1");
        String firstName = World.unique("first-") + ".csv";
        drop(org.org().code() + "/programme/" + firstName, csv);
        ImportJob first = ImportAwait.until(imports, importOf(org, firstName), ImportStatus.AWAITING_REVIEW);

        String againName = World.unique("again-") + ".csv";
        String again = org.org().code() + "/programme/" + againName;
        drop(again, csv);
        ImportJob duplicate = importOf(org, againName);

        assertThat(duplicate.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(duplicate.duplicateOf()).isEqualTo(first.id());
        awaitMoved(DropFolderRoutes.PROCESSED, again, 1);
        assertThat(imports.find(org.org().code(), first.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameDoesNotOverwriteTheFirstInProcessed() throws IOException {
        Org org = world.org(10, 5);
        String fileName = World.unique("same-name-") + ".csv";
        String relative = org.org().code() + "/programme/" + fileName;
        drop(relative, programmeCsv(org, "L1"));
        awaitMoved(DropFolderRoutes.PROCESSED, relative, 1);

        drop(relative, programmeCsv(org, "L2"));

        List<Path> processed = awaitMoved(DropFolderRoutes.PROCESSED, relative, 2);
        assertThat(processed).hasSize(2);
        assertThat(imports.list(org.org().code())).hasSize(2);
    }

    /** A file dropped after another node took its key in the shared repository. */
    record HeldFile(String fileName, String relative, String key) {
    }

    private HeldFile dropHeldFile(Org org, String prefix) throws IOException {
        String fileName = World.unique(prefix) + ".csv";
        String relative = org.org().code() + "/programme/" + fileName;
        String key = DropFolderRoutes.KEY_PREFIX + relative;
        assertThat(inboundMessageIds.add(key)).as("another node takes the file").isTrue();
        drop(relative, programmeCsv(org, "L1"));
        return new HeldFile(fileName, relative, key);
    }

    @Test
    void aFileAnotherNodeHoldsInTheSharedRepositoryIsLeftAloneUntilItIsReleased() throws IOException {
        Org org = world.org(10, 5);
        HeldFile held = dropHeldFile(org, "held-");
        String fileName = held.fileName();
        String relative = held.relative();
        String key = held.key();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> inbound.resolve(relative).toFile().exists() && imports.list(org.org().code()).isEmpty());

        inboundMessageIds.remove(key);
        ImportJob job = importOf(org, fileName);
        assertThat(job.source()).isEqualTo("DROP_FOLDER");
        awaitMoved(DropFolderRoutes.PROCESSED, relative, 1);
        await().atMost(PICK_UP).until(() -> !inboundMessageIds.contains(key));
    }

    @Test
    void twoWatchersOfTheSameFolderTakeEachFileOnce() throws Exception {
        Org org = world.org(100, 5);
        String otherNode = World.unique("drop-folder-other-node-");
        // the same folder by its absolute path: Camel refuses two consumers of one endpoint URI in one context
        camel.addRoutes(new DropFolderRoutes(imports, inbound.toAbsolutePath().toString(), 200, 1000, clock,
                otherNode, inboundMessageIds, Duration.ofMinutes(10), dropFolderResults));
        try {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                String fileName = World.unique("both-" + i + "-") + ".csv";
                names.add(fileName);
                drop(org.org().code() + "/programme/" + fileName, programmeCsv(org, "L" + i));
            }
            for (String fileName : names) {
                awaitMoved(DropFolderRoutes.PROCESSED, org.org().code() + "/programme/" + fileName, 1);
            }

            List<ImportJob> jobs = imports.list(org.org().code());
            assertThat(jobs).extracting(ImportJob::fileName).containsExactlyInAnyOrderElementsOf(names);
            assertThat(jobs).extracting(ImportJob::status).doesNotContain(ImportStatus.DUPLICATE);
            for (String fileName : names) {
                String relative = org.org().code() + "/programme/" + fileName;
                assertThat(movedTo(DropFolderRoutes.PROCESSED, relative)).hasSize(1);
                assertThat(movedTo(DropFolderRoutes.FAILED, relative)).isEmpty();
            }
        } finally {
            for (String route : List.of(otherNode, otherNode + "-stale-locks")) {
                camel.getRouteController().stopRoute(route);
                camel.removeRoute(route);
            }
        }
    }

    @Test
    void aFileANodeTookButNeverFinishedIsTakenOnceItsLockIsStale() throws Exception {
        Org org = world.org(10, 5);
        HeldFile held = dropHeldFile(org, "orphan-");
        String key = held.key();
        // the test releases stale locks itself: the route doing it every minute could take this one first
        String staleLocks = DropFolderRoutes.ROUTE_ID + "-stale-locks";
        camel.getRouteController().stopRoute(staleLocks);
        try {
            assertThat(dropFolderRoutes.releaseStaleLocks()).as("a lock taken just now is kept").isZero();
            assertThat(inboundMessageIds.contains(key)).isTrue();
            jdbc.sql("UPDATE inbound_message_id SET createdAt = ? WHERE messageId = ?")
                    .params(Timestamp.from(clock.instant().minus(Duration.ofMinutes(11))), key).update();

            assertThat(dropFolderRoutes.releaseStaleLocks()).isEqualTo(1);
        } finally {
            camel.getRouteController().startRoute(staleLocks);
        }

        assertThat(importOf(org, held.fileName()).source()).isEqualTo("DROP_FOLDER");
        awaitMoved(DropFolderRoutes.PROCESSED, held.relative(), 1);
    }
}
