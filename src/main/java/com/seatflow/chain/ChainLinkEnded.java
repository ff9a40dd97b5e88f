package com.seatflow.chain;

/** An active link ended: the member left or the chain manager removed it; the head's access ended with it. */
public record ChainLinkEnded(ChainLink link) {
}
