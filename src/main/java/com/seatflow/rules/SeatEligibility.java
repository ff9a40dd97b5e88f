package com.seatflow.rules;

import java.util.List;
import java.util.Optional;

/** Decides whether the seats an operation needs may be taken from the pools involved. */
public interface SeatEligibility {

    /** One verdict per demand, in the same order. */
    List<PoolVerdict> decide(List<PoolDemand> demands);

    /**
     * Whether an enrolment key may be redeemed, taking one seat from each pool in {@code demands}: empty if it may,
     * else the first refusal (the key itself is judged before the seats).
     */
    Optional<KeyRefusal> decide(KeyRedemption redemption, List<PoolDemand> demands);
}
