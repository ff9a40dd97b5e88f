package com.seatflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import javax.sql.DataSource;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/**
 * End-to-end speed of a programme import: a CSV of {@code bench.rows} rows (default 100,000) is streamed to a temp
 * file, submitted, validated, approved and committed; the benchmark prints one grep-able {@code BENCH} line with the
 * phase rates, the end-to-end rate and the peak heap. On PostgreSQL it also loads the same file with COPY into a bare
 * 5-column table (the floor no import can beat) and prints the ratio. Run it with {@code ./mvnw -Pbench test}
 * (H2) or {@code bench/run.sh} (H2 and PostgreSQL); see bench/README.md.
 */
@Tag("benchmark")
@SeatflowIntegrationTest
@TestPropertySource(properties = {
        // The production defaults (the shared test properties shrink them for the functional tests).
        "seatflow.imports.chunk-size=${bench.chunk-size:5000}",
        "seatflow.mail.dispatch-interval-ms=2000" })
class ImportBenchmark {

    private static final Set<ImportStatus> MOVING = Set.of(ImportStatus.RECEIVED, ImportStatus.VALIDATING,
            ImportStatus.COMMITTING);
    private static final Path RESULTS = Path.of("target", "bench-results.txt");
    private static final String COPY_FLOOR_TABLE = "bench_copy_floor";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;

    @Test
    void programmeImportEndToEnd() throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int warmUpRows = Integer.getInteger("bench.warmup-rows", 20_000);
        if (warmUpRows > 0) {
            warmUp(warmUpRows);
        }
        Org org = world.org(rows + 10, 1);
        Path csv = Files.createTempFile("seatflow-bench-", ".csv");
        try {
            writeCsv(csv, org, rows);
            String database = database();

            boolean statistics = "h2".equals(database) && Boolean.getBoolean("bench.statistics");
            if (statistics) {
                execute("SET QUERY_STATISTICS_MAX_ENTRIES 500");
                execute("SET QUERY_STATISTICS TRUE");
            }
            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            AfterGc afterGc = AfterGc.start();
            HeapInUse heapInUse = HeapInUse.start();

            var os = ManagementFactory.getOperatingSystemMXBean();
            double loadBefore = os.getSystemLoadAverage();
            long cpuBefore = processCpuNanos();
            Map<Integer, Long> dbCpuBefore = databaseCpuTicks();
            long walBefore = walBytes(database);
            long start = System.nanoTime();
            ImportJob job = submit(org, csv, "bench-" + rows + ".csv");
            ImportJob validated = settle(job, ImportStatus.AWAITING_REVIEW);
            long validatedAt = System.nanoTime();
            assertThat(validated.newRows()).isEqualTo(rows);

            imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
            ImportJob done = settle(job, ImportStatus.COMPLETED);
            long end = System.nanoTime();
            long peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long peakOldGen = heapPools.stream().filter(p -> p.getName().contains("Old Gen"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long liveHeap = afterGc.stop();
            long heapUsedPeak = heapInUse.stop();
            double jvmCpuS = seconds(processCpuNanos() - cpuBefore);
            Map<Integer, Long> dbCpuAfter = databaseCpuTicks();
            long walAfter = walBytes(database);
            double loadAfter = os.getSystemLoadAverage();

            assertThat(done.committedRows()).isEqualTo(rows);
            assertThat(world.count("SELECT COUNT(*) FROM invitation WHERE import_id = ?", job.id())).isEqualTo(rows);

            double validateS = seconds(validatedAt - start);
            double commitS = seconds(end - validatedAt);
            double totalS = seconds(end - start);
            String line = String.format(Locale.ROOT,
                    "BENCH %s rows=%d warmup_rows=%d chunk=%s validate_s=%.2f validate_rows_per_s=%.0f commit_s=%.2f"
                            + " commit_rows_per_s=%.0f end_to_end_s=%.2f end_to_end_rows_per_s=%.0f heap_used_peak_mb=%d"
                            + " peak_heap_mb=%d peak_old_gen_mb=%d max_heap_after_gc_mb=%d jvm_cpu_s=%.1f"
                            + " load_avg=%.1f/%.1f",
                    database, rows, warmUpRows, System.getProperty("bench.chunk-size", "5000"), validateS, rows / validateS,
                    commitS, rows / commitS, totalS, rows / totalS, heapUsedPeak / (1024 * 1024),
                    peakHeap / (1024 * 1024), peakOldGen / (1024 * 1024), liveHeap / (1024 * 1024), jvmCpuS, loadBefore,
                    loadAfter);
            if ("postgres".equals(database)) {
                if (!dbCpuAfter.isEmpty()) {
                    long ticks = dbCpuAfter.entrySet().stream()
                            .mapToLong(e -> e.getValue() - dbCpuBefore.getOrDefault(e.getKey(), 0L)).sum();
                    line += String.format(Locale.ROOT, " db_cpu_s=%.1f", ticks / 100.0);
                }
                line += String.format(Locale.ROOT, " wal_mb=%.0f", (walAfter - walBefore) / 1048576.0);
                long floorWalBefore = walBytes(database);
                double floorS = copyFloor(csv);
                long floorWal = walBytes(database) - floorWalBefore;
                line += String.format(Locale.ROOT, " copy_floor_s=%.2f copy_floor_rows_per_s=%.0f copy_floor_wal_mb=%.1f"
                        + " ratio_to_copy=%.1f", floorS, rows / floorS, floorWal / 1048576.0, totalS / floorS);
                long modelWalBefore = walBytes(database);
                double modelS = DataModelFloor.measure(dataSource, COPY_FLOOR_TABLE);
                long modelWal = walBytes(database) - modelWalBefore;
                line += String.format(Locale.ROOT, " model_floor_s=%.2f model_floor_wal_mb=%.0f"
                        + " model_floor_ratio_to_copy=%.1f ratio_to_model_floor=%.1f", modelS, modelWal / 1048576.0,
                        modelS / floorS, totalS / modelS);
                execute("DROP TABLE " + COPY_FLOOR_TABLE);
            }
            report(line);
            if (statistics) {
                printH2Statistics();
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /**
     * One untimed import of another organisation first, so the measured one runs on a warmed-up server (classes
     * loaded, hot code compiled, connection pool filled), as it would in production; {@code -Dbench.warmup-rows=0}
     * measures a cold start instead.
     */
    private void warmUp(int rows) throws IOException {
        Org org = world.org(rows + 10, 1);
        Path csv = Files.createTempFile("seatflow-bench-warmup-", ".csv");
        try {
            writeCsv(csv, org, rows);
            ImportJob job = submit(org, csv, "warm-up-" + rows + ".csv");
            settle(job, ImportStatus.AWAITING_REVIEW);
            imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
            settle(job, ImportStatus.COMPLETED);
            // its mails are sent before the measured import starts, so sending them does not weigh on it
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> world.count(
                    "SELECT COUNT(*) FROM outbox_mail WHERE status = 'PENDING'") == 0);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private ImportJob submit(Org org, Path csv, String fileName) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            return imports.submit(new ImportSubmission(org.org().code(), null, "programme", "BENCH", fileName, in,
                    org.adminUser()));
        }
    }

    /** Streams the file to disk: learner ids and emails unique to this org, alternating runs, expiry in 180 days. */
    private void writeCsv(Path file, Org org, int rows) throws IOException {
        // formatted, not LocalDateTime.toString(), which leaves the seconds out when they are 0 (":00")
        String expiry = EXPIRY.format(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).plusDays(180));
        String domain = "@" + org.org().code() + ".example.org,";
        String tail = "," + expiry + "\n";
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("external_learner_id,email,program_code,program_run_code,expiry_time\n");
            for (int i = 1; i <= rows; i++) {
                out.write("L");
                out.write(Integer.toString(i));
                out.write(",learner");
                out.write(Integer.toString(i));
                out.write(domain);
                out.write(org.programmeCode());
                out.write(',');
                out.write(i % 2 == 0 ? org.run2() : org.run1());
                out.write(tail);
            }
        }
    }

    private void execute(String sql) throws Exception {
        DataModelFloor.execute(dataSource, sql);
    }

    /** With -Dbench.statistics=true on H2: the statements that took the most time in total. */
    private void printH2Statistics() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var rs = statement.executeQuery("""
                        SELECT CUMULATIVE_EXECUTION_TIME, EXECUTION_COUNT, SQL_STATEMENT
                          FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC
                         FETCH FIRST 20 ROWS ONLY""")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "H2STAT %10.0f ms %6d x %s%n", rs.getDouble(1), rs.getLong(2),
                        rs.getString(3).replaceAll("\\s+", " ").substring(0, Math.min(160,
                                rs.getString(3).replaceAll("\\s+", " ").length())));
            }
        }
    }

    /** PostgreSQL only: the server's write-ahead log insert position, in bytes (it only grows); 0 elsewhere. */
    private long walBytes(String database) throws Exception {
        if (!"postgres".equals(database)) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
                var rs = query.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')")) {
            rs.next();
            return rs.getBigDecimal(1).longValue();
        }
    }

    /**
     * Loads the same file with the PostgreSQL driver's CopyManager into a bare 5-column table, which it leaves filled
     * for the data-model floor; returns seconds.
     */
    private double copyFloor(Path csv) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + COPY_FLOOR_TABLE);
            ddl.execute("""
                    CREATE TABLE %s (external_learner_id VARCHAR(64), email VARCHAR(254),
                        program_code VARCHAR(64), program_run_code VARCHAR(64), expiry_time TIMESTAMP)"""
                    .formatted(COPY_FLOOR_TABLE));
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + COPY_FLOOR_TABLE + " FROM STDIN WITH (FORMAT csv, HEADER true)", in, 1 << 16);
            }
            connection.commit();
            double seconds = seconds(System.nanoTime() - start);
            connection.setAutoCommit(autoCommit);
            return seconds;
        }
    }

    private ImportJob settle(ImportJob job, ImportStatus expected) {
        ImportJob settled = await().atMost(Duration.ofMinutes(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> imports.find(job.orgCode(), job.id()),
                        j -> j.status() == expected || !MOVING.contains(j.status()));
        assertThat(settled.status()).as("import %d: %s; first errors: %s", job.id(), settled.outcomeMessage(),
                imports.errors(job.orgCode(), job.id(), 5)).isEqualTo(expected);
        return settled;
    }

    private String database() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? "postgres" : "h2";
        }
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * The most heap in use at any moment of the run (garbage included), sampled every 20 ms: what the JVM actually
     * held, so never more than {@code -Xmx}, unlike the sum of the pools' separate peaks.
     */
    private static final class HeapInUse {

        private final AtomicLong max = new AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService sampler =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "bench-heap-sampler");
                    thread.setDaemon(true);
                    return thread;
                });

        static HeapInUse start() {
            HeapInUse heap = new HeapInUse();
            heap.sampler.scheduleAtFixedRate(heap::sample, 0, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            return heap;
        }

        private void sample() {
            max.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }

        long stop() {
            sampler.shutdownNow();
            sample();
            return max.get();
        }
    }

    /**
     * The most heap in use right after any garbage collection during the run: an upper bound of the live data, which
     * the peak usages (garbage included, summed over pools that peak at different times) are not.
     */
    private static final class AfterGc implements NotificationListener {

        private final AtomicLong max = new AtomicLong();

        static AfterGc start() {
            AfterGc listener = new AfterGc();
            ManagementFactory.getGarbageCollectorMXBeans()
                    .forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
            return listener;
        }

        long stop() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(this);
                } catch (ListenerNotFoundException alreadyGone) {
                    // nothing to remove
                }
            }
            return max.get();
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                    if (pool.getType() == MemoryType.HEAP && after != null) {
                        used += after.getUsed();
                    }
                }
                max.accumulateAndGet(used, Math::max);
            }
        }
    }

    /**
     * CPU ticks (1/100 s) used so far by each PostgreSQL backend serving this database, read from /proc when the
     * server runs on this machine and its processes are readable; empty otherwise (and on H2). On a busy machine
     * CPU time says more about the work done than wall-clock time.
     */
    private Map<Integer, Long> databaseCpuTicks() {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                var query = connection.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
                var pids = query.executeQuery()) {
            while (pids.next()) {
                int pid = pids.getInt(1);
                Path stat = Path.of("/proc", Integer.toString(pid), "stat");
                if (Files.isReadable(stat)) {
                    String content = Files.readString(stat);
                    String[] fields = content.substring(content.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                }
            }
        } catch (Exception notPostgresOrNotLocal) {
            ticks.clear();
        }
        return ticks;
    }

    /** CPU time of this JVM (all threads; on H2 that includes the database's own work). */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
