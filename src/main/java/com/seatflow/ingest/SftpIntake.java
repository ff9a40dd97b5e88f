package com.seatflow.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.imports.ImportSubmission;

/**
 * Hands a file fetched from an SFTP server to the imports, and records in the same transaction that a result file is
 * owed for it. Sets the name the file gets in {@code .processed/} or {@code .failed/}: its name plus its modification
 * time on the server, the same on every node, so two nodes that race for a file agree on where it goes.
 */
@Component
class SftpIntake {

    static final String PROCESSED = ".processed";
    static final String FAILED = ".failed";
    /** Header with the name the file is moved to; the route's move and moveFailed options read it. */
    static final String MOVED_NAME = "SeatflowSftpMovedName";
    static final String SOURCE = "SFTP";

    private static final Logger log = LoggerFactory.getLogger(SftpIntake.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final ImportManagement imports;
    private final SftpResults results;
    private final TransactionTemplate transaction;

    SftpIntake(ImportManagement imports, SftpResults results, PlatformTransactionManager transactions) {
        this.imports = imports;
        this.results = results;
        this.transaction = new TransactionTemplate(transactions);
    }

    void take(SftpIntegration integration, Exchange exchange) throws Exception {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long modified = exchange.getIn().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        String moved = name + "." + STAMP.format(Instant.ofEpochMilli(modified == null ? 0 : modified));
        exchange.getIn().setHeader(MOVED_NAME, moved);
        try {
            ImportJob job = transaction.execute(status -> submit(integration, exchange, name, moved));
            log.info("SFTP file {} of integration {} became import {} ({})", name, integration.id(), job.id(),
                    job.status());
        } catch (RuntimeException e) {
            String reason = SftpHealth.reason(e);
            log.warn("SFTP file {} of integration {} was not imported and goes to {}: {}", name, integration.id(),
                    FAILED, reason);
            try {
                results.recordFailure(integration.id(), FAILED, moved, reason);
            } catch (RuntimeException cannotRecord) {
                log.error("Cannot record the result file owed for SFTP file {} of integration {}", name,
                        integration.id(), cannotRecord);
            }
            throw e;
        }
    }

    private ImportJob submit(SftpIntegration integration, Exchange exchange, String name, String moved) {
        try (InputStream content = exchange.getIn().getMandatoryBody(InputStream.class)) {
            ImportJob job = imports.submit(new ImportSubmission(integration.orgCode(), integration.groupCode(),
                    integration.format(), SOURCE, name, content, "sftp:" + integration.id()));
            boolean settled = ImportStatus.SETTLED.contains(job.status());
            results.recordImport(integration.id(), job.id(), PROCESSED, moved, settled ? job.status().name() : null,
                    job.outcomeMessage());
            return job;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
