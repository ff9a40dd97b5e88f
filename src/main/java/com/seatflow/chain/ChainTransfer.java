package com.seatflow.chain;

import com.seatflow.licensing.SeatPool;

/** Seats moved between a chain's head and a member: both pools as they are after the move. */
public record ChainTransfer(int seats, SeatPool from, SeatPool to) {
}
