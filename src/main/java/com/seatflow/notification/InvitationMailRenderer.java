package com.seatflow.notification;

import java.util.List;
import java.util.Map;

/**
 * Writes invitation mails at sending time, implemented by the module that owns invitations and their tokens, so the
 * outbox never depends on it (the invitation module depends on the outbox to queue its mails).
 */
public interface InvitationMailRenderer {

    /**
     * The mail to send for each outbox row, by outbox id. A row left out of the answer is skipped: its invitation is
     * no longer pending.
     */
    Map<Long, OutgoingMail> render(List<InvitationMail> mails);
}
