package com.seatflow.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A job execution with its parameters, its exit description (the failure, if any) and its steps. */
public record JobExecutionDetails(@JsonUnwrapped JobExecutionSummary execution, String exitDescription,
        Map<String, String> parameters, List<Step> steps) {

    public record Step(long id, String name, String status, Instant startedAt, Instant endedAt, Long durationMs,
            long readCount, long writeCount, long skipCount, long filterCount, long commitCount, long rollbackCount,
            String exitDescription) {
    }
}
