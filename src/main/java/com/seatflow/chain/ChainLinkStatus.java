package com.seatflow.chain;

/** Where a link between a chain's head and a member stands; only ACTIVE gives the head's admins access. */
public enum ChainLinkStatus {
    PENDING, ACTIVE, DECLINED, EXPIRED, WITHDRAWN, LEFT, REMOVED
}
