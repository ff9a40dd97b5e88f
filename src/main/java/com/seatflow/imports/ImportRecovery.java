package com.seatflow.imports;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes the imports a stopped node left half-way, at start-up and then every minute: a node that died is not
 * restarted to clean up after itself, and a restarted one is a new node whose old runs only go stale after
 * {@code seatflow.imports.stale-run-after}.
 */
@Component
@ConditionalOnProperty(name = "seatflow.imports.recover-on-start", havingValue = "true", matchIfMissing = true)
class ImportRecovery {

    private final ImportManagement imports;

    ImportRecovery(ImportManagement imports) {
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverOnStart() {
        imports.recoverInterruptedImports();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void recoverStaleRuns() {
        imports.recoverInterruptedImports();
    }
}
