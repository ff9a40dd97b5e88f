package com.seatflow.organisation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The learners of an organisation, one page at a time in email order: accounts in its groups, accounts with a learner
 * id there, and people it invited to a group or programme. Admins (team members) are not learners and are not listed.
 */
@Component
public class OrgUsers {

    private static final String PEOPLE = """
            SELECT u.email_norm FROM group_member gm
              JOIN learner_group g ON g.id = gm.group_id
              JOIN user_account u ON u.id = gm.user_id
             WHERE g.org_id = :org
            UNION
            SELECT u.email_norm FROM learner_identity li JOIN user_account u ON u.id = li.user_id WHERE li.org_id = :org
            UNION
            SELECT i.email_norm FROM invitation i WHERE i.org_id = :org AND i.kind IN ('GROUP', 'PROGRAMME')
            """;

    private final JdbcClient jdbc;

    OrgUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Person(String emailNorm, Long userId, String email, String firstName, String lastName,
            String externalLearnerId) {
    }

    private record Membership(long userId, String groupCode) {
    }

    private record Invitation(String emailNorm, String email, long id, String kind, String subject, String status) {
    }

    public List<OrgUser> of(long orgId, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit at least 1, were " + offset + " and "
                    + limit);
        }
        List<Person> people = jdbc.sql("""
                SELECT p.email_norm, u.id AS user_id, u.email, u.first_name, u.last_name, li.external_learner_id
                  FROM (SELECT email_norm FROM (%s) people ORDER BY email_norm
                        OFFSET %d ROWS FETCH NEXT %d ROWS ONLY) p
                  LEFT JOIN user_account u ON u.email_norm = p.email_norm
                  LEFT JOIN learner_identity li ON li.org_id = :org AND li.user_id = u.id
                 ORDER BY p.email_norm""".formatted(PEOPLE, offset, limit))
                .param("org", orgId).query(Person.class).list();
        if (people.isEmpty()) {
            return List.of();
        }
        List<Long> userIds = people.stream().map(Person::userId).filter(id -> id != null).toList();
        Map<Long, List<String>> groups = new HashMap<>();
        if (!userIds.isEmpty()) {
            jdbc.sql("""
                    SELECT gm.user_id, g.code AS group_code FROM group_member gm
                      JOIN learner_group g ON g.id = gm.group_id
                     WHERE g.org_id = :org AND gm.user_id IN (:users) ORDER BY g.code""")
                    .param("org", orgId).param("users", userIds).query(Membership.class).list()
                    .forEach(m -> groups.computeIfAbsent(m.userId(), id -> new ArrayList<>()).add(m.groupCode()));
        }
        Map<String, List<Invitation>> invitations = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT i.email_norm, i.email, i.id, i.kind,
                       COALESCE(g.code, p.code || COALESCE('/' || r.code, '')) AS subject, i.status
                  FROM invitation i
                  LEFT JOIN learner_group g ON g.id = i.group_id
                  LEFT JOIN product p ON p.id = i.product_id
                  LEFT JOIN programme_run r ON r.id = i.run_id
                 WHERE i.org_id = :org AND i.kind IN ('GROUP', 'PROGRAMME') AND i.email_norm IN (:emails)
                 ORDER BY i.id""")
                .param("org", orgId).param("emails", people.stream().map(Person::emailNorm).toList())
                .query(Invitation.class).list()
                .forEach(i -> invitations.computeIfAbsent(i.emailNorm(), e -> new ArrayList<>()).add(i));
        return people.stream().map(p -> {
            List<Invitation> invited = invitations.getOrDefault(p.emailNorm(), List.of());
            String email = p.email() != null ? p.email() : invited.isEmpty() ? p.emailNorm() : invited.get(0).email();
            return new OrgUser(email, p.userId() != null, p.firstName(), p.lastName(), p.externalLearnerId(),
                    p.userId() == null ? List.of() : groups.getOrDefault(p.userId(), List.of()),
                    invited.stream().map(i -> new OrgUser.Invited(i.id(), i.kind(), i.subject(), i.status())).toList());
        }).toList();
    }
}
