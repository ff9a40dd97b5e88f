package com.seatflow.imports;

import java.util.Map;

/** The bulk-import process as the imports module sees it; implemented on Camunda by the workflow module. */
public interface ImportWorkflow {

    /** Starts the process for an import; returns the process instance id. */
    String start(long importId, String reviewGroups);

    /** Tells the process that validation ended, with what the review task shows. */
    void validationFinished(long importId, boolean valid, Map<String, Object> reviewFacts);

    /** Completes the review task. */
    void decide(long importId, boolean approved, String reviewer, String comment);

    /** Tells the process that the commit ended successfully. */
    void commitFinished(long importId);

    /** Cancels an import waiting for review or for its turn. */
    void cancel(long importId);

    /** The id of the open review task, if any. */
    java.util.Optional<String> reviewTaskId(long importId);
}
