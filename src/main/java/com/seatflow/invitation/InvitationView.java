package com.seatflow.invitation;

import java.time.Instant;

public record InvitationView(long id, String kind, String email, String externalLearnerId, String productCode,
        String runCode, String groupCode, String status, Instant expiresAt, Instant createdAt, Long importId) {

    /** The columns of this view, from {@link #FROM}; each query adds its own conditions. */
    static final String COLUMNS = """
            i.id, i.kind, i.email, i.external_learner_id, p.code AS product_code, r.code AS run_code,
            g.code AS group_code, i.status, i.expires_at, i.created_at, i.import_id""";

    static final String FROM = """
             FROM invitation i
             LEFT JOIN product p ON p.id = i.product_id
             LEFT JOIN programme_run r ON r.id = i.run_id
             LEFT JOIN learner_group g ON g.id = i.group_id
            """;

    static final String SELECT = "SELECT " + COLUMNS + FROM;
}
