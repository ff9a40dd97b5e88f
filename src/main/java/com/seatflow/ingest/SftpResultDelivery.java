package com.seatflow.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import com.seatflow.imports.ImportStatus;
import com.seatflow.platform.Backoff;

/**
 * Writes the owed result files ({@link ImportResultFiles}) to the SFTP servers, beside the moved file. A failed
 * delivery is retried after {@code result-first-retry}, doubling up to {@code result-max-retry}, for as long as it
 * takes; the import itself never waits for it. Files are written under a temporary name and renamed, so nobody reads
 * half a result.
 */
@Component
@ConditionalOnProperty(name = "seatflow.inbound.enabled", havingValue = "true", matchIfMissing = true)
class SftpResultDelivery {

    private static final Logger log = LoggerFactory.getLogger(SftpResultDelivery.class);
    private static final int BATCH = 20;

    private final SftpResults results;
    private final SftpIntegrations integrations;
    private final SftpEndpoints endpoints;
    private final ImportResultFiles resultFiles;
    private final SftpSettings settings;
    private final Clock clock;

    SftpResultDelivery(SftpResults results, SftpIntegrations integrations, SftpEndpoints endpoints,
            ImportResultFiles resultFiles, SftpSettings settings, Clock clock) {
        this.results = results;
        this.integrations = integrations;
        this.endpoints = endpoints;
        this.resultFiles = resultFiles;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${seatflow.sftp.result-interval:5s}")
    void deliverDue() {
        for (SftpResults.Owed owed : results.due(BATCH)) {
            // the lease keeps other nodes off this row while it is written; it runs out if this node dies
            if (results.claim(owed, Instant.now(clock).plus(settings.connectTimeout().multipliedBy(6)))) {
                deliver(owed);
            }
        }
    }

    private void deliver(SftpResults.Owed owed) {
        Optional<SftpIntegration> integration = integrations.find(owed.integrationId());
        if (integration.isEmpty()) {
            return;
        }
        Path local = null;
        try {
            // written locally first (the errors are streamed, however many), then uploaded file by file
            local = Files.createTempDirectory("seatflow-sftp-result-");
            upload(integration.get(), owed.folder(), files(integration.get(), owed, local));
            results.delivered(owed);
            log.info("Wrote the {} result of {} to SFTP integration {}", owed.status(), owed.fileName(),
                    owed.integrationId());
        } catch (Exception e) {
            Duration wait = retryAfter(owed.attempts());
            String reason = SftpHealth.reason(e);
            results.failed(owed, Instant.now(clock).plus(wait), reason);
            if (owed.attempts() == 0) {
                log.warn("Cannot write the result of {} to SFTP integration {} ({}); retrying in {}s, then with "
                        + "growing pauses", owed.fileName(), owed.integrationId(), reason, wait.toSeconds());
            } else {
                log.debug("Result of {} for SFTP integration {} still not written (attempt {}): {}",
                        owed.fileName(), owed.integrationId(), owed.attempts() + 1, reason);
            }
        } finally {
            if (local != null) {
                FileSystemUtils.deleteRecursively(local.toFile());
            }
        }
    }

    Duration retryAfter(int failedBefore) {
        return Backoff.doubling(settings.resultFirstRetry(), settings.resultMaxRetry(), failedBefore);
    }

    private List<Path> files(SftpIntegration integration, SftpResults.Owed owed, Path dir) throws IOException {
        return owed.importId() == null
                ? List.of(resultFiles.writeNotImported(dir, owed.fileName(), owed.status(), owed.message()))
                : resultFiles.write(dir, integration.orgCode(), owed.importId(), ImportStatus.valueOf(owed.status()),
                        owed.message(), owed.fileName());
    }

    private void upload(SftpIntegration integration, String folder, List<Path> files) throws Exception {
        SftpEndpoint endpoint = endpoints.endpoint(integration, folder, "fileExist=Override&tempPrefix=.writing-");
        Producer producer = endpoint.createProducer();
        try {
            ServiceHelper.startService(endpoint, producer);
            for (Path file : files) {
                Exchange exchange = endpoint.createExchange();
                exchange.getIn().setHeader(Exchange.FILE_NAME, file.getFileName().toString());
                exchange.getIn().setBody(file.toFile());
                producer.process(exchange);
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
            }
        } finally {
            ServiceHelper.stopAndShutdownServices(producer, endpoint);
        }
    }
}
