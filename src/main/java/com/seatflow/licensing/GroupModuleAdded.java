package com.seatflow.licensing;

/**
 * A group got seats of a product it held no live pool for ("Add modules": a purchase for an existing group, or the
 * first allocation of that product to it). Published inside the transaction that opened the pool, before it commits,
 * so that a listener can give the new module to the group's members and pending invitations, or refuse the whole
 * change by throwing.
 */
public record GroupModuleAdded(long orgId, long groupId, long poolId, String actor, String sourceRef) {
}
