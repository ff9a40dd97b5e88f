package com.seatflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;

import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

/** Waits for an import's jobs (they run on worker threads) and checks where it ended up. */
public final class ImportAwait {

    /** States an import leaves by itself; QUEUED too, since the commit before it ends on its own. */
    private static final Set<ImportStatus> MOVING = Set.of(ImportStatus.RECEIVED, ImportStatus.VALIDATING,
            ImportStatus.QUEUED, ImportStatus.COMMITTING);

    private ImportAwait() {
    }

    /** Waits until the import stops moving, then asserts it is in {@code expected}. */
    public static ImportJob until(ImportManagement imports, ImportJob job, ImportStatus expected) {
        ImportJob settled = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> imports.find(job.orgCode(), job.id()),
                        j -> j.status() == expected || !MOVING.contains(j.status()));
        assertThat(settled.status()).as("import %d: %s", job.id(), settled.outcomeMessage()).isEqualTo(expected);
        return settled;
    }
}
