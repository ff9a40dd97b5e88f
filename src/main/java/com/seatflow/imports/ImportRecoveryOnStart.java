package com.seatflow.imports;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** On start-up, finishes the imports a previous run of this node left half-way. */
@Component
@ConditionalOnProperty(name = "seatflow.imports.recover-on-start", havingValue = "true", matchIfMissing = true)
class ImportRecoveryOnStart {

    private final ImportManagement imports;

    ImportRecoveryOnStart(ImportManagement imports) {
        this.imports = imports;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        imports.recoverInterruptedImports();
    }
}
