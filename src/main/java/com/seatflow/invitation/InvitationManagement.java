package com.seatflow.invitation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class InvitationManagement {

    /** Every status an invitation can have (as the table's check constraint). */
    private static final List<String> STATUSES = List.of("PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "REVOKED",
            "CANCELED");

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    InvitationManagement(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Issues a new link for each pending invitation: a new token replaces the hash of any earlier one, so only the
     * newest link works. Invitations that are no longer pending get no link.
     */
    @Transactional
    public List<InvitationLink> issueLinks(Collection<Long> invitationIds) {
        if (invitationIds.isEmpty()) {
            return List.of();
        }
        List<InvitationLink> links = new ArrayList<>();
        jdbc.sql("""
                SELECT i.id, i.kind, i.email, o.name AS org_name, COALESCE(p.name, g.name, o.name) AS subject_name,
                       r.code AS run_code, i.expires_at, i.inviter_name,
                       COALESCE(i.first_name, u.first_name) AS first_name
                  FROM invitation i
                  JOIN organisation o ON o.id = i.org_id
                  LEFT JOIN user_account u ON u.id = i.user_id
                  LEFT JOIN product p ON p.id = i.product_id
                  LEFT JOIN programme_run r ON r.id = i.run_id
                  LEFT JOIN learner_group g ON g.id = i.group_id
                 WHERE i.id IN (:ids) AND i.status = 'PENDING'""")
                .param("ids", invitationIds)
                .query(rs -> {
                    links.add(new InvitationLink(rs.getLong("id"), rs.getString("kind"), rs.getString("email"),
                            Tokens.newToken(), rs.getString("org_name"), rs.getString("subject_name"),
                            rs.getString("run_code"), rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                            rs.getString("inviter_name"), rs.getString("first_name")));
                });
        jdbcTemplate.batchUpdate("UPDATE invitation SET token_hash = ? WHERE id = ?", links, Math.max(1, links.size()),
                (ps, link) -> {
                    ps.setString(1, Tokens.hash(link.token()));
                    ps.setLong(2, link.invitationId());
                });
        return links;
    }

    /**
     * The invitation a link's token belongs to: the mailed link or the shareable one (see {@link ShareLinks}). The
     * token is looked up by its SHA-256 and the stored hash is then compared in constant time; an unknown token gives
     * empty.
     */
    public Optional<InvitationView> byToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        return byHash("token_hash", hash).or(() -> byHash("share_token_hash", hash));
    }

    /** {@code column} is one of the two hash columns named in this class, never a caller's value. */
    private Optional<InvitationView> byHash(String column, String hash) {
        return jdbc.sql("SELECT " + InvitationView.COLUMNS + ", i." + column + " AS stored_hash"
                        + InvitationView.FROM + " WHERE i." + column + " = ?").param(hash)
                .query((rs, n) -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        rs.getString("stored_hash").getBytes(StandardCharsets.US_ASCII))
                                ? new InvitationView(rs.getLong("id"), rs.getString("kind"), rs.getString("email"),
                                        rs.getString("external_learner_id"), rs.getString("product_code"),
                                        rs.getString("run_code"), rs.getString("group_code"), rs.getString("status"),
                                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                                        (Long) rs.getObject("import_id", Long.class))
                                : null)
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public List<InvitationView> ofOrg(long orgId, String status, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return jdbc.sql(InvitationView.SELECT + " WHERE i.org_id = :org AND i.status IN (:statuses)"
                        + " ORDER BY i.id FETCH FIRST " + limit + " ROWS ONLY")
                .param("org", orgId)
                .param("statuses", status == null ? STATUSES : List.of(knownStatus(status)))
                .query(InvitationView.class).list();
    }

    private static String knownStatus(String status) {
        String named = status.strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(named)) {
            throw new IllegalArgumentException("Unknown invitation status '" + status + "'; use one of "
                    + String.join(", ", STATUSES));
        }
        return named;
    }
}
