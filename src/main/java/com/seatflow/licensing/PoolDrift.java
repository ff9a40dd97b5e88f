package com.seatflow.licensing;

/** A pool whose counters disagree with the sum of its ledger entries. */
public record PoolDrift(long poolId, int total, int ledgerTotal, int reserved, int ledgerReserved, int consumed,
        int ledgerConsumed) {
}
