package com.seatflow.rules;

/**
 * A fact: how far a pool is used and how long it stays valid. {@code used} counts reserved and consumed seats;
 * {@code daysLeft} is null for a pool without an end, whole days until its end otherwise (negative once it ended).
 */
public class PoolUsage {

    private final long poolId;
    private final int total;
    private final int used;
    private final Integer daysLeft;

    public PoolUsage(long poolId, int total, int used, Integer daysLeft) {
        this.poolId = poolId;
        this.total = total;
        this.used = used;
        this.daysLeft = daysLeft;
    }

    public long getPoolId() {
        return poolId;
    }

    public int getTotal() {
        return total;
    }

    public int getUsed() {
        return used;
    }

    public Integer getDaysLeft() {
        return daysLeft;
    }

    public boolean isEnded() {
        return daysLeft != null && daysLeft < 0;
    }

    @Override
    public String toString() {
        return "PoolUsage[pool " + poolId + ": " + used + " of " + total + " used, days left " + daysLeft + "]";
    }
}
