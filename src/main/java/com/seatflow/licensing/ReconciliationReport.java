package com.seatflow.licensing;

import java.time.Instant;
import java.util.List;

/** One run of the ledger reconciliation: how many pools it checked and every pool whose counters drifted. */
public record ReconciliationReport(long id, Instant runAt, String startedBy, long jobExecutionId, int poolsChecked,
        int drifted, String details, List<PoolDrift> drifts) {

    public boolean balanced() {
        return drifted == 0;
    }
}
