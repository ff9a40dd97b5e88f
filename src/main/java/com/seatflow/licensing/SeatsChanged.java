package com.seatflow.licensing;

/** A pool's counters moved (one ledger entry was appended); published inside the transaction that moved them. */
public record SeatsChanged(long poolId, LedgerEntryType type) {
}
