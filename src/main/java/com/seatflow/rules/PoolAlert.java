package com.seatflow.rules;

/** The rules' decision that a pool's administrators must be told something, with the reason in words. */
public record PoolAlert(long poolId, PoolAlertKind kind, String reason) {
}
