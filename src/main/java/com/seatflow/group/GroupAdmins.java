package com.seatflow.group;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who administers which group: rows of {@code group_admin}, by Camunda user id. */
@Component
public class GroupAdmins {

    private final JdbcClient jdbc;

    GroupAdmins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isAdministrator(String orgCode, String groupCode, String userId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM group_admin a
                  JOIN learner_group g ON g.id = a.group_id
                  JOIN organisation o ON o.id = g.org_id
                 WHERE o.code = ? AND g.code = ? AND a.user_id = ?""").params(orgCode, groupCode, userId)
                .query(Integer.class).single() > 0;
    }

    List<Long> groupsOf(String userId) {
        return jdbc.sql("SELECT group_id FROM group_admin WHERE user_id = ? ORDER BY group_id").param(userId)
                .query(Long.class).list();
    }
}
