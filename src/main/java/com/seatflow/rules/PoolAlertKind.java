package com.seatflow.rules;

/** The alerts a pool's administrators get, each at most once per pool. */
public enum PoolAlertKind {
    /** Three quarters of the pool's seats are used. */
    USAGE_75,
    /** Every seat of the pool is used. */
    USAGE_100,
    /** The pool's validity ends soon. */
    ENDING_SOON
}
