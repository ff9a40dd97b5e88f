package com.seatflow.chain;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The chain_link table. */
@Repository
class ChainLinks {

    private static final String SELECT = """
            SELECT l.id, l.head_org_id, h.code AS head_code, h.name AS head_name,
                   l.member_org_id, m.code AS member_code, m.name AS member_name,
                   l.initiated_by, l.status, l.requested_by, l.requested_at, l.expires_at,
                   l.answered_by, l.answered_at, l.ended_by, l.ended_at, l.process_instance_id
              FROM chain_link l
              JOIN organisation h ON h.id = l.head_org_id
              JOIN organisation m ON m.id = l.member_org_id
            """;

    private final JdbcClient jdbc;

    ChainLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPending(long headOrgId, long memberOrgId, String initiatedBy, String actor, OffsetDateTime now,
            OffsetDateTime expiresAt) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chain_link (head_org_id, member_org_id, initiated_by, status, requested_by, requested_at,
                                        expires_at)
                VALUES (?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(headOrgId, memberOrgId, initiatedBy, actor, now, expiresAt).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void attachProcess(long linkId, String processInstanceId) {
        jdbc.sql("UPDATE chain_link SET process_instance_id = ? WHERE id = ?").params(processInstanceId, linkId)
                .update();
    }

    Optional<ChainLink> find(long linkId) {
        return jdbc.sql(SELECT + " WHERE l.id = ?").param(linkId).query(ChainLink.class).optional();
    }

    /** The member's active link, if it is in a chain. */
    Optional<ChainLink> activeLinkOf(long memberOrgId) {
        return jdbc.sql(SELECT + " WHERE l.active_member_id = ?").param(memberOrgId).query(ChainLink.class)
                .optional();
    }

    /** The code of the head of the chain the organisation is an active member of: one indexed look-up. */
    Optional<String> activeHeadCodeOf(String memberCode) {
        return jdbc.sql("""
                SELECT h.code FROM chain_link l
                  JOIN organisation m ON m.id = l.active_member_id
                  JOIN organisation h ON h.id = l.head_org_id
                 WHERE m.code = ?""").param(memberCode).query(String.class).optional();
    }

    List<ChainLink> ofHead(long headOrgId, boolean all) {
        return jdbc.sql(SELECT + " WHERE l.head_org_id = ?" + openOnly(all) + " ORDER BY m.code, l.id DESC")
                .param(headOrgId).query(ChainLink.class).list();
    }

    /** Requests and invitations the organisation has as a (would-be) member, other than its active link. */
    List<ChainLink> requestsOfMember(long memberOrgId, boolean all) {
        return jdbc.sql(SELECT + " WHERE l.member_org_id = ? AND l.status <> 'ACTIVE'"
                + (all ? "" : " AND l.status = 'PENDING'") + " ORDER BY l.id DESC")
                .param(memberOrgId).query(ChainLink.class).list();
    }

    private static String openOnly(boolean all) {
        return all ? "" : " AND l.status IN ('PENDING', 'ACTIVE')";
    }

    int activeMemberCount(long headOrgId) {
        return jdbc.sql("SELECT COUNT(*) FROM chain_link WHERE head_org_id = ? AND status = 'ACTIVE'")
                .param(headOrgId).query(Integer.class).single();
    }

    boolean pendingBetween(long headOrgId, long memberOrgId, Long exceptLinkId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM chain_link
                 WHERE head_org_id = ? AND member_org_id = ? AND status = 'PENDING' AND id <> ?""")
                .params(headOrgId, memberOrgId, exceptLinkId == null ? -1L : exceptLinkId)
                .query(Integer.class).single() > 0;
    }

    /** The heads above an organisation, following active links (each organisation is in one chain at most). */
    Set<Long> ancestorsOf(long orgId) {
        Set<Long> ancestors = new HashSet<>();
        Optional<Long> parent = activeHeadIdOf(orgId);
        while (parent.isPresent() && ancestors.add(parent.get())) {
            parent = activeHeadIdOf(parent.get());
        }
        return ancestors;
    }

    private Optional<Long> activeHeadIdOf(long memberOrgId) {
        return jdbc.sql("SELECT head_org_id FROM chain_link WHERE active_member_id = ?").param(memberOrgId)
                .query(Long.class).optional();
    }

    boolean activate(long linkId, String actor, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE chain_link SET status = 'ACTIVE', active_member_id = member_org_id, answered_by = ?,
                       answered_at = ?
                 WHERE id = ? AND status = 'PENDING'""").params(actor, now, linkId).update() == 1;
    }

    boolean closePending(long linkId, ChainLinkStatus status, String actor, OffsetDateTime now) {
        boolean answered = status == ChainLinkStatus.DECLINED;
        return jdbc.sql("UPDATE chain_link SET status = ?, "
                + (answered ? "answered_by = ?, answered_at = ?" : "ended_by = ?, ended_at = ?")
                + " WHERE id = ? AND status = 'PENDING'").params(status.name(), actor, now, linkId).update() == 1;
    }

    boolean end(long linkId, ChainLinkStatus status, String actor, OffsetDateTime now) {
        return jdbc.sql("""
                UPDATE chain_link SET status = ?, active_member_id = NULL, ended_by = ?, ended_at = ?
                 WHERE id = ? AND status = 'ACTIVE'""").params(status.name(), actor, now, linkId).update() == 1;
    }
}
