package com.seatflow.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects the refusals the seat-eligibility rules make; one per pool, the first refusal wins. */
public class SeatDecisions {

    private final Map<PoolDemand, PoolVerdict> refusals = new LinkedHashMap<>();

    public void refuse(PoolDemand demand, int granted, String reason) {
        refusals.putIfAbsent(demand, new PoolVerdict(demand.getPoolId(), demand.getLabel(), demand.getNeeded(),
                demand.getFree(), Math.max(0, granted), reason));
    }

    PoolVerdict verdictFor(PoolDemand demand) {
        return refusals.getOrDefault(demand, new PoolVerdict(demand.getPoolId(), demand.getLabel(),
                demand.getNeeded(), demand.getFree(), demand.getNeeded(), null));
    }
}
