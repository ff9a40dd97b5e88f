package com.seatflow.chain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit_log table: what chain managers did inside member organisations. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(ActingInMember acting, String method, String path, int status) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor, home_org, acting_org, method, path, status)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.now(clock), acting.actor(), acting.homeOrg(), acting.actingOrg(), method,
                        path.length() > 1000 ? path.substring(0, 1000) : path, status)
                .update();
    }

    /** The newest entries about an organisation first. */
    public List<AuditEntry> of(String orgCode, int limit) {
        return jdbc.sql("""
                SELECT id, at, actor, home_org, acting_org, method, path, status FROM audit_log
                 WHERE acting_org = ? ORDER BY id DESC FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param(orgCode).query(AuditEntry.class).list();
    }
}
