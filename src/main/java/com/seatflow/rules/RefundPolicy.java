package com.seatflow.rules;

/** Whether the seat of a removed member is given back, as the refund-policy rules decide. */
public interface RefundPolicy {

    /** The rules' verdict; a case no rule decides goes to support for review. */
    RefundVerdict decide(RefundCase refundCase);
}
