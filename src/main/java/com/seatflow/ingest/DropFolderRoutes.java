package com.seatflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.platform.NotFoundException;

/**
 * Watches the drop folder. A file is taken once its size and modification time have stayed the same for a second,
 * and only by the node that first records it in the shared {@code inbound_message_id} table
 * (readLock=idempotent-changed with {@code #inboundMessageIds}, key {@code drop-folder:<path below the folder>}), so
 * several nodes watching one folder take each file once. The key is removed a few seconds after the file was moved
 * away ({@code seatflow.inbound.release-delay-ms}), so a file dropped again later under the same name is taken again.
 * A key older than {@code seatflow.inbound.stale-lock-after} belongs to a node that died holding the file, and is
 * released (checked every minute). The file is handed to the imports as one submission, and moved to {@code .processed/}
 * with the import's result beside it ({@link DropFolderResults}), or to {@code .failed/} with a {@code .error.txt}
 * beside it when it could not even be submitted. The {@code samples/} folder is ignored.
 * Both moves keep the file's path below the drop folder and add the time it was picked up, so a file dropped twice
 * under the same name never overwrites the first.
 */
@Component
@ConditionalOnProperty(name = "seatflow.inbound.enabled", havingValue = "true", matchIfMissing = true)
class DropFolderRoutes extends RouteBuilder {

    static final String ROUTE_ID = "drop-folder";
    /** Prefix of this channel's keys in the shared idempotent repository. */
    static final String KEY_PREFIX = "drop-folder:";
    static final String PROCESSED = ".processed";
    static final String FAILED = ".failed";
    static final String ERROR_SUFFIX = ".error.txt";

    /** When the file was picked up; part of the name it is moved to, and of its error file's name. */
    private static final String PICKED_UP = "SeatflowPickedUp";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final ImportManagement imports;
    private final String folder;
    private final long pollDelayMs;
    private final long releaseDelayMs;
    private final Clock clock;
    private final String routeId;
    private final InboundMessageIds locks;
    private final Duration staleLockAfter;
    private final DropFolderResults results;

    @Autowired
    DropFolderRoutes(ImportManagement imports, @Value("${seatflow.inbound.dir:inbound}") String folder,
            @Value("${seatflow.inbound.poll-delay-ms:2000}") long pollDelayMs,
            @Value("${seatflow.inbound.release-delay-ms:5000}") long releaseDelayMs, Clock clock,
            InboundMessageIds locks, @Value("${seatflow.inbound.stale-lock-after:PT10M}") Duration staleLockAfter,
            DropFolderResults results) {
        this(imports, folder, pollDelayMs, releaseDelayMs, clock, ROUTE_ID, locks, staleLockAfter, results);
    }

    /** A second watcher of the same folder under another route id: what another node is, for a test. */
    DropFolderRoutes(ImportManagement imports, String folder, long pollDelayMs, long releaseDelayMs, Clock clock,
            String routeId, InboundMessageIds locks, Duration staleLockAfter, DropFolderResults results) {
        this.imports = imports;
        this.folder = folder;
        this.pollDelayMs = pollDelayMs;
        this.releaseDelayMs = releaseDelayMs;
        this.clock = clock;
        this.routeId = routeId;
        this.locks = locks;
        this.staleLockAfter = staleLockAfter;
        this.results = results;
    }

    @Override
    public void configure() {
        // a path naming no organisation, format or group is the sender's mistake: explained in one line and the
        // error file, where anything else also gets Camel's full report with its stack trace
        onException(NotFoundException.class, IllegalArgumentException.class).handled(false).logExhausted(false)
                .process(this::explainFailure);
        onException(Exception.class).handled(false).process(this::explainFailure);

        fromF("file:%s?recursive=true&antInclude=**/*.csv&antExclude=samples/**"
                + "&readLock=idempotent-changed&idempotentRepository=#inboundMessageIds&idempotentKey=%s${file:name}"
                // not an idempotent consumer: the repository only locks a file while it is taken (an eager
                // idempotent consumer would drop another node's lock for files it skipped)
                + "&idempotent=false&idempotentEager=false&readLockMarkerFile=false"
                + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true"
                + "&readLockIdempotentReleaseDelay=%d&readLockIdempotentReleaseAsync=true"
                + "&readLockCheckInterval=500&readLockMinAge=1000&delay=%d"
                + "&move=%s/${file:name}.${header.%s}&moveFailed=%s/${file:name}.${header.%s}",
                folder, KEY_PREFIX, releaseDelayMs, pollDelayMs, PROCESSED, PICKED_UP, FAILED, PICKED_UP)
                .routeId(routeId)
                .process(exchange -> exchange.getIn().setHeader(PICKED_UP, STAMP.format(Instant.now(clock))))
                .process(this::submit);

        fromF("timer:%s-stale-locks?period=60000&delay=60000", routeId).routeId(routeId + "-stale-locks")
                .process(exchange -> releaseStaleLocks());
    }

    /** Releases the files a node that died took but never moved, so that another node takes them. */
    int releaseStaleLocks() {
        int released = locks.forgetOlderThan(KEY_PREFIX, Instant.now(clock).minus(staleLockAfter));
        if (released > 0) {
            log.warn("Released {} drop-folder file(s) taken more than {} ago by a node that did not finish them",
                    released, staleLockAfter);
        }
        return released;
    }

    private void submit(Exchange exchange) throws Exception {
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        DropFolderPath target = DropFolderPath.parse(relative);
        try (InputStream content = exchange.getIn().getBody(InputStream.class)) {
            ImportJob job = imports.submit(new ImportSubmission(target.org(), target.group(), target.format(),
                    "DROP_FOLDER", target.fileName(), content, "drop-folder"));
            log.info("Dropped file {} became import {} ({})", relative, job.id(), job.status());
            results.record(job, PROCESSED + "/" + relative + "." + exchange.getIn().getHeader(PICKED_UP, String.class));
        }
    }

    /** Writes {@code <moved name>.error.txt} into {@code .failed/}, where Camel is about to move the file. */
    private void explainFailure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String stamp = exchange.getIn().getHeader(PICKED_UP, String.class);
        log.warn("Dropped file {} was not imported: {}", relative, failure.getMessage());
        if (relative == null || stamp == null) {
            return;
        }
        Path errorFile = Path.of(folder, FAILED).resolve(relative + "." + stamp + ERROR_SUFFIX);
        String reason = """
                %s was not imported and was moved here.
                Reason: %s
                Failed at: %s

                Files are read as <org code>/<format>/<file>.csv, or <org code>/<format>/<group code>/<file>.csv for
                formats that need a group. Fix the file or its place and drop it again.
                """.formatted(relative, String.valueOf(failure.getMessage()), Instant.now(clock));
        try {
            Files.createDirectories(errorFile.getParent());
            Files.writeString(errorFile, reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.error("Cannot write {} explaining why {} failed", errorFile, relative, e);
        }
    }
}
