package com.seatflow.imports;

import org.springframework.batch.core.BatchStatus;

/** A validation or commit job of an import ended (successfully or not). */
record ImportJobEnded(String jobName, long importId, BatchStatus status, String failure) {
}
