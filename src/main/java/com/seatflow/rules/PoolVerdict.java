package com.seatflow.rules;

/**
 * The rules' answer for one pool: how many of the needed seats may be granted, and why not all of them.
 * {@code reason} is null when every needed seat is granted.
 */
public record PoolVerdict(Long poolId, String label, int needed, int free, int granted, String reason) {

    public boolean refused() {
        return reason != null;
    }
}
