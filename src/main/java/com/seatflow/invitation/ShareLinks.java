package com.seatflow.invitation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.platform.ConflictException;

/**
 * Shareable invitation links: a second link per pending invitation, next to the mailed one, which the inviter hands
 * to the learner themselves (e.g. a learner who has not linked their account to their learner id yet). The token has
 * 256 random bits and only its SHA-256 is stored; the link is returned once, when it is issued, and never logged.
 * Issuing a new one replaces the old, which then stops working. The invitation page accepts either link.
 */
@Service
public class ShareLinks {

    private final JdbcClient jdbc;
    private final String publicUrl;

    ShareLinks(JdbcClient jdbc, @Value("${seatflow.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.publicUrl = publicUrl;
    }

    /** Issues the shareable link of a pending invitation, replacing any earlier one; returns its URL. */
    @Transactional
    public String issue(long invitationId) {
        String token = Tokens.newToken();
        int updated = jdbc.sql("UPDATE invitation SET share_token_hash = ? WHERE id = ? AND status = 'PENDING'")
                .params(Tokens.hash(token), invitationId).update();
        if (updated == 0) {
            throw new ConflictException("Invitation " + invitationId + " is no longer pending, so it gets no new link");
        }
        return publicUrl + "/invitations/" + token;
    }

    /** Whether the invitation has a shareable link (it works while the invitation is pending). */
    public boolean isIssued(long invitationId) {
        return jdbc.sql("SELECT COUNT(*) FROM invitation WHERE id = ? AND share_token_hash IS NOT NULL")
                .param(invitationId).query(Integer.class).single() > 0;
    }
}
