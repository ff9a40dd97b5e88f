package com.seatflow.rules;

import java.util.List;

/** Decides which alerts a pool's usage and validity call for (thresholds set by the pool-alert rules). */
public interface PoolAlertPolicy {

    /** Every alert that currently holds for these pools, whether or not it was already sent. */
    List<PoolAlert> alertsFor(List<PoolUsage> usages);
}
