package com.seatflow.organisation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.platform.NotFoundException;

/**
 * A group's administrators (identity-store user ids; one person can run several groups) and members
 * (learner accounts).
 */
@Service
public class GroupManagement {

    private final JdbcClient jdbc;
    private final Identities identities;
    private final Clock clock;

    GroupManagement(JdbcClient jdbc, Identities identities, Clock clock) {
        this.jdbc = jdbc;
        this.identities = identities;
        this.clock = clock;
    }

    /** A group's summary: who administers it and how many members it has. */
    public record GroupSummary(LearnerGroup group, List<String> admins, int members) {
    }

    public List<GroupSummary> groupsOf(long orgId) {
        List<LearnerGroup> groups = jdbc.sql("SELECT id, org_id, code, name FROM learner_group WHERE org_id = ? ORDER BY code")
                .param(orgId).query(LearnerGroup.class).list();
        Map<Long, List<String>> admins = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT a.group_id, a.user_id FROM group_admin a JOIN learner_group g ON g.id = a.group_id
                 WHERE g.org_id = ? ORDER BY a.user_id""").param(orgId)
                .query(rs -> {
                    admins.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<Long, Integer> members = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT m.group_id, COUNT(*) FROM group_member m JOIN learner_group g ON g.id = m.group_id
                 WHERE g.org_id = ? GROUP BY m.group_id""").param(orgId)
                .query(rs -> {
                    members.put(rs.getLong(1), rs.getInt(2));
                });
        return groups.stream().map(g -> new GroupSummary(g, List.copyOf(admins.getOrDefault(g.id(), List.of())),
                members.getOrDefault(g.id(), 0))).toList();
    }

    public List<String> admins(long groupId) {
        return jdbc.sql("SELECT user_id FROM group_admin WHERE group_id = ? ORDER BY user_id").param(groupId)
                .query(String.class).list();
    }

    /** Makes {@code userId} an administrator of the group; false if they already were one. */
    @Transactional
    public boolean grantAdmin(long groupId, String userId, String grantedBy) {
        lockGroup(groupId);
        if (jdbc.sql("SELECT COUNT(*) FROM group_admin WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .query(Integer.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO group_admin (group_id, user_id, granted_by, granted_at) VALUES (?, ?, ?, ?)")
                .params(groupId, userId, grantedBy, OffsetDateTime.now(clock)).update();
        identities.addToGroup(userId, OrgRoles.groupAdmins(groupId), tasklistGroupName(groupId));
        return true;
    }

    /**
     * The Tasklist group of the group's administrators ({@link OrgRoles#groupAdmins}), with every one of them in it:
     * those granted before the Tasklist group existed, or whose right was recorded by other means, are added here.
     */
    @Transactional
    public String tasklistGroupOfAdmins(long groupId) {
        lockGroup(groupId);
        String tasklistGroup = OrgRoles.groupAdmins(groupId);
        String name = tasklistGroupName(groupId);
        for (String admin : admins(groupId)) {
            if (identities.userExists(admin)) {
                identities.addToGroup(admin, tasklistGroup, name);
            }
        }
        return tasklistGroup;
    }

    /** What the Tasklist and Camunda Admin show for the group, within the identity store's 255 characters. */
    private String tasklistGroupName(long groupId) {
        String name = jdbc.sql("""
                SELECT 'Administrators of ' || o.code || ' group ' || g.name
                  FROM learner_group g JOIN organisation o ON o.id = g.org_id WHERE g.id = ?""").param(groupId)
                .query(String.class).single();
        return name.length() <= 255 ? name : name.substring(0, 254) + "…";
    }

    /** Places a learner account in the group; false if it was a member already. */
    @Transactional
    public boolean addMember(long groupId, long userAccountId) {
        lockGroup(groupId);
        if (jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ? AND user_id = ?")
                .params(groupId, userAccountId).query(Integer.class).single() > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO group_member (group_id, user_id, added_at) VALUES (?, ?, ?)")
                .params(groupId, userAccountId, OffsetDateTime.now(clock)).update();
        return true;
    }

    /** Serialises changes to one group's admins and members (a no-op UPDATE, see OrganisationManagement#lock). */
    private void lockGroup(long groupId) {
        if (jdbc.sql("UPDATE learner_group SET name = name WHERE id = ?").param(groupId).update() != 1) {
            throw new NotFoundException("No group " + groupId);
        }
    }
}
