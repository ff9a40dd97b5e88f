package com.seatflow.rules;

import java.util.List;

/** Decides whether the seats an operation needs may be taken from the pools involved. */
public interface SeatEligibility {

    /** One verdict per demand, in the same order. */
    List<PoolVerdict> decide(List<PoolDemand> demands);
}
