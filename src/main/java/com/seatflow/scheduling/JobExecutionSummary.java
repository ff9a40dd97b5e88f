package com.seatflow.scheduling;

import java.time.Instant;

/**
 * One run of a Spring Batch job. The counts are the sums over its steps; {@code skipCount} adds read, process and
 * write skips. {@code durationMs} runs on while the job does.
 */
public record JobExecutionSummary(long id, String job, String status, String exitCode, Instant createdAt,
        Instant startedAt, Instant endedAt, Long durationMs, long readCount, long writeCount, long skipCount) {
}
