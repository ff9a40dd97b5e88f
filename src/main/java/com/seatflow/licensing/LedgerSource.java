package com.seatflow.licensing;

/** Where a ledger entry came from: an API call, an import or a process instance, with its reference. */
public record LedgerSource(String type, String reference) {

    public static LedgerSource api(String reference) {
        return new LedgerSource("API", reference);
    }

    public static LedgerSource importJob(long importId) {
        return new LedgerSource("IMPORT", Long.toString(importId));
    }

    public static LedgerSource process(String processInstanceId) {
        return new LedgerSource("PROCESS", processInstanceId);
    }

    public static LedgerSource system(String reference) {
        return new LedgerSource("SYSTEM", reference);
    }
}
