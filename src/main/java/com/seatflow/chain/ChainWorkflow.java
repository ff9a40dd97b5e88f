package com.seatflow.chain;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The chain-join process behind a small interface: a task for the answering organisation's admins, which expires
 * after {@code validity}. The process calls back {@link ChainManagement#recordAcceptance},
 * {@link ChainManagement#recordDecline} and {@link ChainManagement#recordExpiry}.
 */
public interface ChainWorkflow {

    /** Starts the process for a new request; returns its process instance id. */
    String start(long linkId, String answeringGroup, Duration validity, Map<String, Object> details);

    /** Completes the answer task as {@code actor} would in the Tasklist. */
    void answer(long linkId, boolean accepted, String actor);

    /** Ends the process of a request its requester took back. */
    void withdraw(long linkId);

    Optional<String> answerTaskId(long linkId);
}
