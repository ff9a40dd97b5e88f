package com.seatflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

import com.seatflow.imports.ImportErrorReport;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

/**
 * Writes the owed result files to the SFTP servers: {@code <moved file>.result.txt} beside the moved file, and for a
 * rejected import first {@code <moved file>.errors.csv}. A failed delivery is retried after
 * {@code result-first-retry}, doubling up to {@code result-max-retry}, for as long as it takes; the import itself
 * never waits for it. Files are written under a temporary name and renamed, so nobody reads half a result.
 */
@Component
@ConditionalOnProperty(name = "seatflow.inbound.enabled", havingValue = "true", matchIfMissing = true)
class SftpResultDelivery {

    static final String RESULT_SUFFIX = ".result.txt";
    static final String ERRORS_SUFFIX = ".errors.csv";

    private static final Logger log = LoggerFactory.getLogger(SftpResultDelivery.class);
    private static final int BATCH = 20;

    private final SftpResults results;
    private final SftpIntegrations integrations;
    private final SftpEndpoints endpoints;
    private final ImportManagement imports;
    private final ImportErrorReport errorReport;
    private final SftpSettings settings;
    private final Clock clock;

    SftpResultDelivery(SftpResults results, SftpIntegrations integrations, SftpEndpoints endpoints,
            ImportManagement imports, ImportErrorReport errorReport, SftpSettings settings, Clock clock) {
        this.results = results;
        this.integrations = integrations;
        this.endpoints = endpoints;
        this.imports = imports;
        this.errorReport = errorReport;
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
        try {
            write(integration.get(), owed.folder(), files(integration.get(), owed));
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
        }
    }

    Duration retryAfter(int failedBefore) {
        Duration wait = settings.resultFirstRetry().multipliedBy(1L << Math.min(failedBefore, 20));
        return wait.compareTo(settings.resultMaxRetry()) > 0 ? settings.resultMaxRetry() : wait;
    }

    /** The files to write, in order: the errors CSV (if any) before the result, which marks the delivery complete. */
    private Map<String, byte[]> files(SftpIntegration integration, SftpResults.Owed owed) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (owed.importId() == null) {
            files.put(owed.fileName() + RESULT_SUFFIX, notImported(owed).getBytes(StandardCharsets.UTF_8));
            return files;
        }
        ImportJob job = imports.find(integration.orgCode(), owed.importId());
        if (ImportStatus.valueOf(owed.status()) == ImportStatus.REJECTED) {
            var csv = new ByteArrayOutputStream();
            try (Writer out = new OutputStreamWriter(csv, StandardCharsets.UTF_8)) {
                errorReport.write(integration.orgCode(), job.id(), out);
            }
            files.put(owed.fileName() + ERRORS_SUFFIX, csv.toByteArray());
        }
        files.put(owed.fileName() + RESULT_SUFFIX, summary(owed, job).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private String summary(SftpResults.Owed owed, ImportJob job) {
        StringBuilder text = new StringBuilder()
                .append("file: ").append(job.fileName()).append('\n')
                .append("import: ").append(job.id()).append('\n')
                .append("status: ").append(owed.status()).append('\n')
                .append("rows: ").append(job.totalRows()).append('\n')
                .append("rows validated: ").append(job.validatedRows()).append('\n')
                .append("errors: ").append(job.errorCount()).append('\n')
                .append("rows committed: ").append(job.committedRows()).append('\n')
                .append("new: ").append(job.newRows()).append('\n')
                .append("unchanged: ").append(job.unchangedRows()).append('\n');
        if (job.duplicateOf() != null) {
            text.append("duplicate of import: ").append(job.duplicateOf()).append('\n');
        }
        if (job.seatSummary() != null) {
            text.append("seats: ").append(job.seatSummary()).append('\n');
        }
        String message = owed.message() != null ? owed.message() : job.outcomeMessage();
        text.append("message: ").append(message == null ? "" : message).append('\n');
        if (ImportStatus.valueOf(owed.status()) == ImportStatus.REJECTED) {
            text.append("error report: ").append(owed.fileName()).append(ERRORS_SUFFIX).append('\n');
        }
        return text.append("written at: ").append(Instant.now(clock)).append('\n').toString();
    }

    private String notImported(SftpResults.Owed owed) {
        return "file: " + owed.fileName() + "\nstatus: " + owed.status() + "\nmessage: " + owed.message()
                + "\nThe file was not imported and was moved here. Fix it and upload it again.\nwritten at: "
                + Instant.now(clock) + "\n";
    }

    private void write(SftpIntegration integration, String folder, Map<String, byte[]> files) throws Exception {
        SftpEndpoint endpoint = endpoints.endpoint(integration, folder, "fileExist=Override&tempPrefix=.writing-");
        Producer producer = endpoint.createProducer();
        try {
            ServiceHelper.startService(endpoint, producer);
            for (var file : files.entrySet()) {
                Exchange exchange = endpoint.createExchange();
                exchange.getIn().setHeader(Exchange.FILE_NAME, file.getKey());
                exchange.getIn().setBody(file.getValue());
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
