package com.seatflow.ingest;

import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportSubmission;

/**
 * Watches the drop folder. A file is taken once its size and modification time have stayed the same for a second
 * (readLock=changed), handed to the imports as one submission, and moved to {@code .processed/} (or {@code .failed/}
 * with a {@code .error.txt} beside it when it could not even be submitted). The {@code samples/} folder is ignored.
 */
@Component
@ConditionalOnProperty(name = "seatflow.inbound.enabled", havingValue = "true", matchIfMissing = true)
class DropFolderRoutes extends RouteBuilder {

    static final String ROUTE_ID = "drop-folder";

    private final ImportManagement imports;
    private final String folder;
    private final long pollDelayMs;

    DropFolderRoutes(ImportManagement imports, @Value("${seatflow.inbound.dir:inbound}") String folder,
            @Value("${seatflow.inbound.poll-delay-ms:2000}") long pollDelayMs) {
        this.imports = imports;
        this.folder = folder;
        this.pollDelayMs = pollDelayMs;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(false).process(exchange -> {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            log.warn("Dropped file {} was not imported: {}", exchange.getIn().getHeader(Exchange.FILE_NAME),
                    failure.getMessage());
        });

        fromF("file:%s?recursive=true&antInclude=**/*.csv&antExclude=samples/**&readLock=changed"
                + "&readLockCheckInterval=500&readLockMinAge=1000&delay=%d&move=.processed/${file:name}.${date:now:yyyyMMddHHmmssSSS}"
                + "&moveFailed=.failed/${file:name}.${date:now:yyyyMMddHHmmssSSS}", folder, pollDelayMs)
                .routeId(ROUTE_ID)
                .process(this::submit);
    }

    private void submit(Exchange exchange) throws Exception {
        String relative = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        DropFolderPath target = DropFolderPath.parse(relative);
        try (InputStream content = exchange.getIn().getBody(InputStream.class)) {
            ImportJob job = imports.submit(new ImportSubmission(target.org(), target.group(), target.format(),
                    "DROP_FOLDER", target.fileName(), content, "drop-folder"));
            log.info("Dropped file {} became import {} ({})", relative, job.id(), job.status());
        }
    }
}
