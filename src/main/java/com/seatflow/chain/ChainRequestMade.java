package com.seatflow.chain;

/** An organisation asked to join a chain, or a chain manager invited one; the other side must answer. */
public record ChainRequestMade(ChainLink link) {
}
