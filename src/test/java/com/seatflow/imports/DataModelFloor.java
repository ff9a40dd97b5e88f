package com.seatflow.imports;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

/**
 * The benchmark's second floor (PostgreSQL only): the least the database must do to hold what a programme import
 * creates, whatever the import does. The rows already loaded by the COPY floor are written, with bare
 * {@code INSERT ... SELECT}s and made-up ids, into copies of the five tables an import fills (user account, learner
 * id, invitation, invitation seat, outbox mail) with the same columns, defaults, checks and indexes but no triggers
 * and no checks between them. Two connections share the five loads, as two workers share the import's, so on these
 * machines it uses both cores. Nothing is read, checked or looked up: a lower bound, not something to reach.
 */
final class DataModelFloor {

    private static final String SOURCE = "bench_model_source";
    /** Longest first, so that two connections finish close together. */
    private static final List<String[]> LOADS = List.of(
            new String[] { "invitation", """
                    INSERT INTO %s (kind, org_id, product_id, run_id, email, email_norm, user_id, external_learner_id,
                                    status, expires_at, created_at, import_id, row_number)
                    SELECT 'PROGRAMME', 1, 1, 1 + n %% 2, email, lower(email), n, external_learner_id, 'PENDING',
                           expiry_time, now(), 1, n + 1 FROM %s""" },
            new String[] { "outbox_mail", """
                    INSERT INTO %s (template, recipient, invitation_id, status, created_at)
                    SELECT 'PROGRAMME_INVITATION', email, n, 'PENDING', now() FROM %s""" },
            new String[] { "user_account", """
                    INSERT INTO %s (email, email_norm, created_at) SELECT email, lower(email), now() FROM %s""" },
            new String[] { "learner_identity", """
                    INSERT INTO %s (org_id, external_learner_id, user_id) SELECT 1, external_learner_id, n FROM %s""" },
            new String[] { "invitation_seat", "INSERT INTO %s (invitation_id, pool_id) SELECT n, 1 FROM %s" });

    private DataModelFloor() {
    }

    /**
     * Seconds to load the rows of {@code copyTable} (the COPY floor's table, still filled) into the copies; the copies
     * and the numbered source are made before the clock starts and dropped after it stops.
     */
    static double measure(DataSource dataSource, String copyTable) throws Exception {
        execute(dataSource, "DROP TABLE IF EXISTS " + SOURCE);
        execute(dataSource, "CREATE TABLE " + SOURCE + " AS SELECT row_number() OVER () AS n, * FROM " + copyTable);
        for (String[] load : LOADS) {
            execute(dataSource, "DROP TABLE IF EXISTS " + copyOf(load[0]));
            execute(dataSource, "CREATE TABLE " + copyOf(load[0]) + " (LIKE " + load[0] + " INCLUDING ALL)");
        }
        ExecutorService connections = Executors.newFixedThreadPool(2);
        try {
            long start = System.nanoTime();
            List<Future<?>> loads = new ArrayList<>();
            for (String[] load : LOADS) {
                String sql = load[1].formatted(copyOf(load[0]), SOURCE);
                loads.add(connections.submit(() -> {
                    execute(dataSource, sql);
                    return null;
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            connections.shutdownNow();
            for (String[] load : LOADS) {
                execute(dataSource, "DROP TABLE IF EXISTS " + copyOf(load[0]));
            }
            execute(dataSource, "DROP TABLE IF EXISTS " + SOURCE);
        }
    }

    private static String copyOf(String table) {
        return "bench_model_" + table;
    }

    static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
