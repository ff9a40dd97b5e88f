package com.seatflow.chain;

/** A pending request was accepted, declined, withdrawn or expired ({@code link.status()} says which). */
public record ChainRequestClosed(ChainLink link) {
}
