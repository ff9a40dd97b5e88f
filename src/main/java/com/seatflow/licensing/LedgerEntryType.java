package com.seatflow.licensing;

public enum LedgerEntryType {
    PURCHASE, ADD_SEATS, TRANSFER_OUT, TRANSFER_IN, ALLOCATE, RESERVE, RELEASE, CONSUME, REFUND, EXPIRE
}
