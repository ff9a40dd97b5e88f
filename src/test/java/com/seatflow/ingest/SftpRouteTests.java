package com.seatflow.ingest;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * SFTP integrations against a real in-process SFTP server: files are taken when complete, imported, moved, and
 * answered with result files once the import settles; a server that is down shows in the health and is retried
 * with backoff. The logs of every test are checked for the server's password.
 */
@SeatflowIntegrationTest
class SftpRouteTests {

    static final Duration PICK_UP = Duration.ofSeconds(30);
    static final String FOLDER = "in";

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    SftpIntegrationManagement integrations;
    @Autowired
    HealthEndpoint healthEndpoint;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SftpRoutes routes;
    @Autowired
    CamelContext camel;
    @Autowired
    SftpIntegrations stored;

    private final List<SftpTestServer> servers = new ArrayList<>();
    private final List<Runnable> cleanUp = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopEverything() throws IOException {
        cleanUp.forEach(Runnable::run);
        root.detachAppender(logs);
        for (SftpTestServer server : servers) {
            if (server.password != null) {
                assertThat(loggedText()).as("logs must never contain the SFTP password").doesNotContain(server.password);
            }
            server.close();
        }
    }

    private String loggedText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    private SftpTestServer server() throws IOException {
        SftpTestServer server = SftpTestServer.start();
        servers.add(server);
        return server;
    }

    private SftpIntegrationView integrate(Org org, SftpIntegrationRequest request) {
        SftpIntegrationView integration = integrations.create(org.org().code(), request, org.adminUser());
        cleanUp.add(() -> integrations.delete(org.org().code(), integration.id()));
        return integration;
    }

    /** A server with the folder {@code in} that an integration of {@code org} polls for programme files. */
    private SftpTestServer polledServer(Org org) throws IOException {
        SftpTestServer server = server();
        Files.createDirectories(server.root.resolve(FOLDER));
        integrate(org, server.request(FOLDER, "programme", null));
        return server;
    }

    static String programmeCsv(Org org, String... learners) {
        StringBuilder csv = new StringBuilder("external_learner_id,email,program_code,program_run_code,expiry_time\n");
        for (String learner : learners) {
            csv.append(learner).append(',').append(learner).append("@example.org,").append(org.programmeCode())
                    .append(',').append(org.run1()).append("," + BULK_EXPIRY + "\n");
        }
        return csv.toString();
    }

    private List<ImportJob> importsOf(Org org, String fileName, int count) {
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.list(org.org().code()).stream().filter(j -> j.fileName().equals(fileName))
                        .sorted((a, b) -> Long.compare(a.id(), b.id())).toList(), jobs -> jobs.size() >= count);
    }

    /** Waits until the result file beside the moved file says {@code status}, and returns its text. */
    private String awaitResult(SftpTestServer server, String movedName, ImportStatus status) {
        Path result = server.root.resolve(FOLDER).resolve(SftpIntake.PROCESSED)
                .resolve(movedName + ImportResultFiles.RESULT_SUFFIX);
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(result) ? Files.readString(result) : "",
                        text -> text.contains("status: " + status.name() + "\n"));
    }

    /**
     * Waits until the file has been moved to {@code .processed/} and returns its new name. The result files beside it
     * are written by another thread and may come first.
     */
    private String processedName(SftpTestServer server, String fileName) {
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> server.files(FOLDER + "/" + SftpIntake.PROCESSED, fileName + ".").stream()
                        .map(f -> f.getFileName().toString())
                        .filter(name -> !name.endsWith(ImportResultFiles.RESULT_SUFFIX)
                                && !name.endsWith(ImportResultFiles.ERRORS_SUFFIX))
                        .findFirst(), moved -> moved.isPresent())
                .get();
    }

    @Test
    void aCompleteFileIsImportedMovedAndAnsweredWhenTheImportSettles() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        SftpIntegrationView integration = integrations.list(org.org().code()).get(0);
        String fileName = World.unique("cohort-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1", "L2"));

        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);

        assertThat(job.source()).isEqualTo("SFTP");
        assertThat(job.uploadedBy()).isEqualTo("sftp:" + integration.id());
        assertThat(job.totalRows()).isEqualTo(2);
        String moved = processedName(server, fileName);
        assertThat(moved).matches(java.util.regex.Pattern.quote(fileName) + "\\.\\d{14}");
        assertThat(server.root.resolve(FOLDER).resolve(SftpIntake.PROCESSED).resolve(moved))
                .hasContent(programmeCsv(org, "L1", "L2"));
        assertThat(server.root.resolve(FOLDER).resolve(fileName)).doesNotExist();
        String awaiting = awaitResult(server, moved, ImportStatus.AWAITING_REVIEW);
        assertThat(awaiting).contains("import: " + job.id()).contains("rows: 2\n");

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        String completed = awaitResult(server, moved, ImportStatus.COMPLETED);
        assertThat(completed).contains("rows committed: 2\n");
        assertThat(server.files(FOLDER + "/" + SftpIntake.PROCESSED, fileName)).extracting(p -> p.getFileName()
                .toString()).containsExactlyInAnyOrder(moved, moved + ImportResultFiles.RESULT_SUFFIX);
        assertThat(server.files(FOLDER, ".failed")).isEmpty();
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenUntilItIsComplete() throws Exception {
        Org org = world.org(50, 5);
        SftpTestServer server = polledServer(org);
        String fileName = World.unique("slow-") + ".csv";
        Path file = server.root.resolve(FOLDER).resolve(fileName);
        Files.writeString(file, programmeCsv(org, "L0"), StandardCharsets.UTF_8);
        List<String> rows = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> programmeCsv(org, "L" + n).lines().skip(1).findFirst().orElseThrow()).toList();
        var written = new AtomicInteger();
        var writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> SftpTestServer.appendNext(file, rows, written), 100, 100,
                TimeUnit.MILLISECONDS);
        try {
            ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0),
                    ImportStatus.AWAITING_REVIEW);

            assertThat(written.get()).as("the file was complete when it was taken").isEqualTo(rows.size());
            assertThat(job.totalRows()).isEqualTo(rows.size() + 1);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void theSameFileTwiceIsReportedAsADuplicateAndAppliedOnce() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        String fileName = World.unique("twice-") + ".csv";
        String csv = programmeCsv(org, "L1");
        server.upload(FOLDER, fileName, csv);
        ImportJob first = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);
        await().atMost(PICK_UP).until(() -> !Files.exists(server.root.resolve(FOLDER).resolve(fileName)));

        server.upload(FOLDER, fileName, csv);

        ImportJob second = importsOf(org, fileName, 2).get(1);
        assertThat(second.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(second.duplicateOf()).isEqualTo(first.id());
        String secondMoved = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> server.files(FOLDER + "/" + SftpIntake.PROCESSED, fileName + ".").stream()
                        .map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(ImportResultFiles.RESULT_SUFFIX))
                        .map(n -> n.substring(0, n.length() - ImportResultFiles.RESULT_SUFFIX.length()))
                        .filter(n -> readResult(server, n).contains("import: " + second.id() + "\n")).findFirst(),
                        found -> found.isPresent())
                .get();
        assertThat(awaitResult(server, secondMoved, ImportStatus.DUPLICATE))
                .contains("duplicate of import: " + first.id());
        assertThat(imports.list(org.org().code())).filteredOn(j -> j.status() != ImportStatus.DUPLICATE)
                .extracting(ImportJob::id).containsExactly(first.id());
        assertThat(imports.find(org.org().code(), first.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
    }

    private static String readResult(SftpTestServer server, String movedName) {
        try {
            return Files.readString(server.root.resolve(FOLDER).resolve(SftpIntake.PROCESSED)
                    .resolve(movedName + ImportResultFiles.RESULT_SUFFIX));
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aFileThatFailsValidationGetsTheErrorCsvWrittenBack() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        String fileName = World.unique("broken-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1", "L2").replace("L2@example.org", "L2-at-example.org"));

        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.REJECTED);

        String moved = processedName(server, fileName);
        String result = awaitResult(server, moved, ImportStatus.REJECTED);
        assertThat(result).contains("errors: 1\n").contains("error report: " + moved + ".errors.csv");
        Path errors = server.root.resolve(FOLDER).resolve(SftpIntake.PROCESSED)
                .resolve(moved + ImportResultFiles.ERRORS_SUFFIX);
        List<String> lines = Files.readAllLines(errors);
        assertThat(lines.get(0)).isEqualTo("row,column,value,reason");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("3,email,L2-at-example.org,");
        assertThat(job.errorCount()).isEqualTo(1);
    }

    @Test
    void aResultOwedWhileTheServerIsDownIsWrittenWhenItIsBackAndTheImportDoesNotWait() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        String fileName = World.unique("outage-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));
        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);
        String moved = processedName(server, fileName);
        awaitResult(server, moved, ImportStatus.AWAITING_REVIEW);
        int port = server.port();
        server.close();

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);
        String lastError = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT last_error FROM sftp_result WHERE import_id = ? AND pending = TRUE "
                        + "AND attempts >= 2").param(job.id()).query(String.class).optional().orElse(null),
                        error -> error != null);
        assertThat(lastError).containsIgnoringCase("connect");
        assertThat(readResult(server, moved)).contains("status: AWAITING_REVIEW");

        SftpTestServer back = SftpTestServer.restart(server, port);
        servers.add(back);

        assertThat(awaitResult(back, moved, ImportStatus.COMPLETED)).contains("import: " + job.id());
        await().atMost(PICK_UP).until(() -> jdbc.sql("SELECT pending FROM sftp_result WHERE import_id = ?")
                .param(job.id()).query(Boolean.class).single(), pending -> !pending);
    }

    @Test
    void integrationsStoredBeforeStartUpArePolledOnceTheApplicationIsReady() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        String routeId = SftpRoutes.routeId(integrations.list(org.org().code()).get(0).id());
        // as on a node that has just started: the integration is stored, but no route polls it yet
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
        assertThat(camel.getRoute(routeId)).isNull();

        routes.startAll();

        assertThat(camel.getRoute(routeId)).isNotNull();
        String fileName = World.unique("restart-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));
        assertThat(importsOf(org, fileName, 1)).hasSize(1);
    }

    @Test
    void twoNodesPollingTheSameServerTakeAFileOnce() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        long id = integrations.list(org.org().code()).get(0).id();
        String otherNode = SftpRoutes.routeId(id) + "-other-node";
        routes.poll(stored.find(id).orElseThrow(), otherNode, "&sendEmptyMessageWhenIdle=false");
        await().atMost(PICK_UP).until(() -> camel.getRoute(otherNode) != null);
        cleanUp.add(() -> {
            try {
                camel.getRouteController().stopRoute(otherNode);
                camel.removeRoute(otherNode);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String fileName = World.unique("raced-") + ".csv";

        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));

        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);
        String moved = processedName(server, fileName);
        awaitResult(server, moved, ImportStatus.AWAITING_REVIEW);
        // both routes have polled several times since the file arrived: still one import, and no duplicate of it
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> imports.list(org.org().code()).size() == 1);
        assertThat(imports.list(org.org().code())).extracting(ImportJob::id).containsExactly(job.id());
        assertThat(world.count("SELECT COUNT(*) FROM inbound_message_id WHERE messageId LIKE ?",
                "sftp:" + id + ":" + fileName + ":%")).isEqualTo(1);
    }

    @Test
    void aFileANodeClaimedButNeverFinishedIsTakenOverOnceTheClaimIsStale() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        long id = integrations.list(org.org().code()).get(0).id();
        String fileName = World.unique("orphan-") + ".csv";
        String csv = programmeCsv(org, "L1");
        Path dir = Files.createDirectories(server.root.resolve(FOLDER));
        Path part = Files.writeString(dir.resolve(fileName + ".part"), csv, StandardCharsets.UTF_8);
        // SFTP gives whole seconds, which is how the key records the modification time
        Instant modified = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        Files.setLastModifiedTime(part, FileTime.from(modified));
        String key = "sftp:" + id + ":" + fileName + ":" + csv.getBytes(StandardCharsets.UTF_8).length + ":"
                + modified.toEpochMilli();
        // a node claimed the file and died before handling it
        jdbc.sql("INSERT INTO inbound_message_id (processorName, messageId, createdAt) VALUES ('seatflow-inbound', ?, ?)")
                .params(key, Timestamp.from(Instant.now())).update();
        Files.move(part, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> imports.list(org.org().code()).isEmpty() && Files.exists(dir.resolve(fileName)));

        jdbc.sql("UPDATE inbound_message_id SET createdAt = ? WHERE messageId = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(11))), key).update();
        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);
        assertThat(job.source()).isEqualTo("SFTP");
        processedName(server, fileName);
        assertThat(jdbc.sql("SELECT confirmedAt FROM inbound_message_id WHERE messageId = ?").param(key)
                .query(Timestamp.class).single()).isNotNull();
    }

    @Test
    void aServerThatIsDownIsRetriedWithBackoffAndShowsInTheHealthUntilItIsBack() throws Exception {
        Org org = world.org(10, 5);
        int port = SftpTestServer.freePort();
        String password = SftpTestServer.randomPassword();
        SftpIntegrationView integration = integrate(org, new SftpIntegrationRequest("localhost", port,
                SftpTestServer.USER, password, null, null, FOLDER, "programme", null, null));
        String entry = "integration-" + integration.id();

        HealthComponent down = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry),
                        h -> h != null && h.getStatus().equals(Status.DOWN));
        assertThat(details(down).get("message").toString()).containsIgnoringCase("connect");
        assertThat(details(down)).containsKeys("lastFailureAt", "location");
        int failuresBefore = failures(org, integration);

        // polls every 200 ms: without backoff 3 s would bring about 15 attempts, with it (skip 5 polls) about 3
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> failures(org, integration) - failuresBefore <= 4);
        assertThat(failures(org, integration)).as("it keeps retrying").isGreaterThan(failuresBefore);
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filteredOn(e -> e.getFormattedMessage().contains(":" + port))
                .filteredOn(e -> e.getFormattedMessage().contains("cannot be polled"))
                .as("one warning for the outage, not one per poll").hasSize(1);

        SftpTestServer back = SftpTestServer.start(port, password);
        servers.add(back);
        Files.createDirectories(back.root.resolve(FOLDER));
        HealthComponent up = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry), h -> h.getStatus().equals(Status.UP));
        assertThat(details(up)).containsKeys("lastSuccessAt", "lastFailureAt");
        assertThat(failures(org, integration)).isZero();
    }

    private int failures(Org org, SftpIntegrationView integration) {
        return integrations.get(org.org().code(), integration.id()).lastPoll().consecutiveFailures();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthComponent health) {
        return ((org.springframework.boot.actuate.health.Health) health).getDetails();
    }

    @Test
    void aMissingFolderShowsAsDownUntilItIsCreated() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = server();
        SftpIntegrationView integration = integrate(org, server.request("later", "programme", null));
        String entry = "integration-" + integration.id();
        HealthComponent down = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry),
                        h -> h != null && h.getStatus().equals(Status.DOWN));
        assertThat(details(down).get("message").toString()).contains("No such file");

        String fileName = World.unique("late-") + ".csv";
        server.upload("later", fileName, programmeCsv(org, "L1"));

        await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry), h -> h.getStatus().equals(Status.UP));
        assertThat(importsOf(org, fileName, 1)).hasSize(1);
    }

    private SftpIntegrationRequest pinned(SftpTestServer server, String hostKey) {
        SftpIntegrationRequest request = server.request(FOLDER, "programme", null);
        return new SftpIntegrationRequest(request.host(), request.port(), request.username(), request.password(),
                null, null, request.remoteFolder(), request.format(), request.group(), hostKey);
    }

    @Test
    void aServerThatWantsAKeyIsSignedInToWithAnEncryptedKeyAndItsPassphrase() throws Exception {
        Org org = world.org(10, 5);
        SftpTestKeys keys = SftpTestKeys.get();
        SftpTestServer server = SftpTestServer.startForKey(keys.publicKey);
        servers.add(server);
        Files.createDirectories(server.root.resolve(FOLDER));
        integrate(org, new SftpIntegrationRequest("localhost", server.port(), SftpTestServer.USER, null,
                keys.encryptedPem, SftpTestKeys.PASSPHRASE, FOLDER, "programme", null, server.hostKey()));
        String fileName = World.unique("keyed-") + ".csv";

        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));

        ImportJob job = ImportAwait.until(imports, importsOf(org, fileName, 1).get(0), ImportStatus.AWAITING_REVIEW);
        assertThat(job.source()).isEqualTo("SFTP");
        processedName(server, fileName);
        assertThat(loggedText()).doesNotContain(SftpTestKeys.PASSPHRASE);
    }

    @Test
    void withTheServersHostKeyPinnedAFileIsImported() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = server();
        Files.createDirectories(server.root.resolve(FOLDER));
        SftpIntegrationView integration = integrate(org, pinned(server, server.hostKey()));
        assertThat(integration.hostKeyPinned()).isTrue();
        String fileName = World.unique("pinned-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));

        assertThat(importsOf(org, fileName, 1)).hasSize(1);
        HealthComponent up = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", "integration-" + integration.id()),
                        h -> h != null && h.getStatus().equals(Status.UP));
        assertThat(details(up)).containsEntry("hostKeyPinned", true);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("integration " + integration.id() + " ") && m.contains("not pinned"));
    }

    @Test
    void aServerShowingAnotherHostKeyThanThePinnedOneIsRefusedAndNothingIsImported() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = server();
        SftpTestServer other = server();
        Files.createDirectories(server.root.resolve(FOLDER));
        assertThat(other.hostKey()).isNotEqualTo(server.hostKey());
        String fileName = World.unique("intercepted-") + ".csv";
        server.upload(FOLDER, fileName, programmeCsv(org, "L1"));
        SftpIntegrationView integration = integrate(org, pinned(server, other.hostKey()));

        HealthComponent down = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", "integration-" + integration.id()),
                        h -> h != null && h.getStatus().equals(Status.DOWN));
        assertThat(details(down).get("message").toString()).contains("host key did not match");
        assertThat(details(down)).containsEntry("hostKeyPinned", true);
        // the file would have been taken within a few polls (read lock 3 s at most) had the key been accepted
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(200))
                .until(() -> imports.list(org.org().code()).isEmpty()
                        && Files.exists(server.root.resolve(FOLDER).resolve(fileName)));
        assertThat(integrations.get(org.org().code(), integration.id()).lastPoll().down()).isTrue();
    }

    @Test
    void anIntegrationWithoutHostKeyKeepsPollingAndWarnsOnceThatItIsNotPinned() throws Exception {
        Org org = world.org(10, 5);
        SftpTestServer server = polledServer(org);
        SftpIntegrationView integration = integrations.list(org.org().code()).get(0);
        assertThat(integration.hostKeyPinned()).isFalse();
        assertThat(integration.hostKey()).isNull();
        String entry = "integration-" + integration.id();
        HealthComponent up = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry),
                        h -> h != null && h.getStatus().equals(Status.UP));
        assertThat(details(up)).containsEntry("hostKeyPinned", false);

        integrations.update(org.org().code(), integration.id(), server.request("in", "programme", null));
        await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> healthEndpoint.healthForPath("sftp", entry),
                        h -> h != null && h.getStatus().equals(Status.UP));
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .filteredOn(e -> e.getFormattedMessage().contains("integration " + integration.id() + " ")
                        && e.getFormattedMessage().contains("host key not pinned"))
                .as("one warning per integration, not one per route start").hasSize(1);
    }
}
