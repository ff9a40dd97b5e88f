package com.seatflow.imports;

import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of the imports whose jobs this node has queued or is running, also while a job waits for a
 * worker thread or works on one long chunk (each chunk renews its own import's lease too).
 */
@Component
class ImportRunHeartbeat {

    private static final String INTERVAL_TEXT = "PT30S";
    static final Duration INTERVAL = Duration.parse(INTERVAL_TEXT);

    private final ImportJobLauncher launcher;
    private final ImportRunLease lease;

    ImportRunHeartbeat(ImportJobLauncher launcher, ImportRunLease lease) {
        this.launcher = launcher;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = INTERVAL_TEXT, initialDelayString = INTERVAL_TEXT)
    void beat() {
        lease.renew(launcher.inFlight());
    }
}
