package com.seatflow.organisation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.platform.NotFoundException;

@Service
public class OrganisationManagement {

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganisationManagement(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Organisation> findByCode(String code) {
        return jdbc.sql("SELECT id, code, name FROM organisation WHERE code = ?").param(code)
                .query(Organisation.class).optional();
    }

    public Organisation require(String code) {
        return findByCode(code).orElseThrow(() -> new NotFoundException("No organisation with code '" + code + "'"));
    }

    public Organisation byId(long id) {
        return jdbc.sql("SELECT id, code, name FROM organisation WHERE id = ?").param(id)
                .query(Organisation.class).single();
    }

    public List<Organisation> all() {
        return jdbc.sql("SELECT id, code, name FROM organisation ORDER BY code").query(Organisation.class).list();
    }

    /**
     * Locks the organisation row until the surrounding transaction ends: serialises per-org decisions. A no-op UPDATE
     * rather than SELECT FOR UPDATE, because on PostgreSQL the latter would also wait for every open transaction that
     * merely inserted rows referencing the organisation (a running import chunk).
     */
    @Transactional
    public void lock(long orgId) {
        if (jdbc.sql("UPDATE organisation SET name = name WHERE id = ?").param(orgId).update() != 1) {
            throw new NotFoundException("No organisation " + orgId);
        }
    }

    @Transactional
    public Organisation create(String code, String name) {
        jdbc.sql("INSERT INTO organisation (code, name, created_at) VALUES (?, ?, ?)")
                .params(code, name, OffsetDateTime.now(clock)).update();
        return require(code);
    }

    public Optional<LearnerGroup> findGroup(long orgId, String groupCode) {
        return jdbc.sql("SELECT id, org_id, code, name FROM learner_group WHERE org_id = ? AND code = ?")
                .params(orgId, groupCode).query(LearnerGroup.class).optional();
    }

    public LearnerGroup groupById(long groupId) {
        return jdbc.sql("SELECT id, org_id, code, name FROM learner_group WHERE id = ?").param(groupId)
                .query(LearnerGroup.class).single();
    }

    @Transactional
    public LearnerGroup createGroup(long orgId, String code, String name) {
        jdbc.sql("INSERT INTO learner_group (org_id, code, name) VALUES (?, ?, ?)").params(orgId, code, name).update();
        return findGroup(orgId, code).orElseThrow();
    }
}
