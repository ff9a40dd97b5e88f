package com.seatflow.team;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.Normalise;

/** The administrator invitations: rows of kind ADMIN in the invitation table. */
@Repository
class AdminInvitations {

    private static final String SELECT = """
            SELECT i.id, i.org_id, o.code AS org_code, o.name AS org_name, i.email, i.first_name, i.last_name,
                   i.invited_by, i.inviter_name, i.status, i.expires_at, i.created_at
              FROM invitation i
              JOIN organisation o ON o.id = i.org_id
             WHERE i.kind = 'ADMIN'
            """;
    private static final List<String> OPEN = List.of("PENDING", "EXPIRED");

    private final JdbcClient jdbc;

    AdminInvitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewAdminInvitation invitation, OffsetDateTime expiresAt, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, email, email_norm, first_name, last_name, invited_by, inviter_name,
                                        status, expires_at, created_at)
                VALUES ('ADMIN', ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(invitation.orgId(), invitation.email(), Normalise.email(invitation.email()),
                        invitation.firstName(), invitation.lastName(), invitation.invitedBy(),
                        invitation.inviterName(), expiresAt, now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<AdminInvitation> find(long id) {
        return jdbc.sql(SELECT + " AND i.id = ?").param(id).query(AdminInvitation.class).optional();
    }

    AdminInvitation require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No administrator invitation " + id));
    }

    /** The invitation to this address that is still pending, expired or not. */
    Optional<AdminInvitation> openFor(long orgId, String email) {
        return jdbc.sql(SELECT + " AND i.org_id = :org AND i.email_norm = :email AND i.status IN (:open)")
                .param("org", orgId).param("email", Normalise.email(email)).param("open", OPEN)
                .query(AdminInvitation.class).optional();
    }

    List<AdminInvitation> openOf(long orgId) {
        return jdbc.sql(SELECT + " AND i.org_id = :org AND i.status IN (:open) ORDER BY i.created_at, i.id")
                .param("org", orgId).param("open", OPEN).query(AdminInvitation.class).list();
    }

    /** Moves the invitation from one of {@code from} to {@code to}; false if it was in none of them. */
    boolean move(long id, Collection<String> from, String to) {
        return jdbc.sql("UPDATE invitation SET status = :to WHERE id = :id AND kind = 'ADMIN' AND status IN (:from)")
                .param("to", to).param("id", id).param("from", from).update() == 1;
    }

    /** Records the invitee's answer; false unless the invitation was pending and had not run out at {@code now}. */
    boolean answer(long id, String answer, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE invitation SET status = ?
                 WHERE id = ? AND kind = 'ADMIN' AND status = 'PENDING' AND expires_at > ?""")
                .params(answer, id, now).update() == 1;
    }

    /**
     * Makes an open invitation pending again until {@code expiresAt} and drops its link at once; the mail that
     * follows carries a new one. False if the invitation was not open.
     */
    boolean renew(long id, OffsetDateTime expiresAt) {
        return jdbc.sql("""
                UPDATE invitation SET status = 'PENDING', expires_at = :until, token_hash = NULL
                 WHERE id = :id AND kind = 'ADMIN' AND status IN (:open)""")
                .param("until", expiresAt).param("id", id).param("open", OPEN).update() == 1;
    }
}
