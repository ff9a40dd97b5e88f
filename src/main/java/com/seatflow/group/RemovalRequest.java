package com.seatflow.group;

/** The optional body of a member removal: whether to ask for the seats back, and why. */
public record RemovalRequest(boolean refundRequested, String reason) {

    public static final RemovalRequest NO_REFUND = new RemovalRequest(false, null);
}
