package com.seatflow.team;

/** The admin-invitation process as the team module sees it; implemented on Camunda by the workflow module. */
public interface AdminInvitationWorkflow {

    /** The process's answer to a new invitation: the invitation's id, or why the team-policy rules refused it. */
    record Outcome(Long invitationId, String refusal) {
    }

    /**
     * Runs the process until it waits for the invitee's answer. When it refuses, the process has ended without
     * recording anything of its own; the caller rolls its transaction back so that no trace is left.
     */
    Outcome start(NewAdminInvitation invitation);

    /**
     * Mails the invitation again and restarts its validity: the waiting process loops back, and an invitation that
     * had expired (its process ended) gets a new process.
     */
    void resend(long invitationId);

    /** Ends the invitation's process with ACCEPTED, DECLINED or REVOKED; does nothing if it already ended. */
    void answered(long invitationId, String answer);
}
