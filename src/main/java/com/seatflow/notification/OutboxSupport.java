package com.seatflow.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What support sees of the outbox and does with it: the mails per status, and FAILED mails sent again. */
@Component
public class OutboxSupport {

    private static final List<String> STATUSES = List.of("PENDING", "SENT", "FAILED", "SKIPPED");

    private final JdbcClient jdbc;

    OutboxSupport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The number of mails in each status, every status named (0 when none). */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(status -> counts.put(status, 0L));
        jdbc.sql("SELECT status, COUNT(*) FROM outbox_mail GROUP BY status")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Puts every FAILED mail back in the queue with its attempts reset, to be sent at the next dispatch (an
     * invitation that is no longer pending is then skipped); answers how many.
     */
    public int retryFailed() {
        return jdbc.sql("""
                UPDATE outbox_mail SET status = 'PENDING', attempts = 0, next_attempt_at = NULL
                 WHERE status = 'FAILED'""").update();
    }
}
