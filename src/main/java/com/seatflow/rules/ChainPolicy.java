package com.seatflow.rules;

/** Decides whether an organisation may join a chain, as the chain-policy rules say. */
public interface ChainPolicy {

    ChainVerdict judge(ChainLinkProposal proposal);
}
