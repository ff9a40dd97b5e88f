package com.seatflow.rules;

import java.time.Instant;

/** A fact: how many new seats an operation needs from one pool (poolId null when no pool exists). */
public class PoolDemand {

    private final Long poolId;
    private final String label;
    private final int needed;
    private final int free;
    private final Instant validUntil;
    private final boolean expired;

    public PoolDemand(Long poolId, String label, int needed, int free, Instant validUntil, Instant now) {
        this.poolId = poolId;
        this.label = label;
        this.needed = needed;
        this.free = free;
        this.validUntil = validUntil;
        this.expired = validUntil != null && !validUntil.isAfter(now);
    }

    public Long getPoolId() {
        return poolId;
    }

    public String getLabel() {
        return label;
    }

    public int getNeeded() {
        return needed;
    }

    public int getFree() {
        return free;
    }

    public Instant getValidUntil() {
        return validUntil;
    }

    public boolean isExpired() {
        return expired;
    }
}
