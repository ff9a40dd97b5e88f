package com.seatflow.rules;

import java.util.ArrayList;
import java.util.List;

/** Collects the alerts the pool-alert rules raise; a kind raised twice for one pool counts once. */
public class PoolAlertDecisions {

    private final List<PoolAlert> alerts = new ArrayList<>();

    public void raise(PoolUsage usage, PoolAlertKind kind, String reason) {
        if (alerts.stream().noneMatch(a -> a.poolId() == usage.getPoolId() && a.kind() == kind)) {
            alerts.add(new PoolAlert(usage.getPoolId(), kind, reason));
        }
    }

    List<PoolAlert> alerts() {
        return List.copyOf(alerts);
    }
}
