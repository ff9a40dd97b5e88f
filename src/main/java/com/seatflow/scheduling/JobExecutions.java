package com.seatflow.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.seatflow.platform.NotFoundException;

/**
 * Reads job executions from Spring Batch's tables, with their step counts summed in the same query (Spring Batch's
 * JobExplorer reads one execution at a time, and cannot filter by status across jobs).
 */
@Component
public class JobExecutions {

    public static final int MAX_LIMIT = 500;

    private static final String SUMMARY = """
            SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.CREATE_TIME, e.START_TIME, e.END_TIME,
                   COALESCE(SUM(s.READ_COUNT), 0) AS READ_COUNT, COALESCE(SUM(s.WRITE_COUNT), 0) AS WRITE_COUNT,
                   COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0) AS SKIP_COUNT
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
              LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
            """;
    private static final String GROUP = """
             GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.CREATE_TIME, e.START_TIME, e.END_TIME
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SortedSet<String> jobNames;

    JobExecutions(JdbcClient jdbc, Clock clock, List<Job> jobs) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobNames = jobs.stream().map(Job::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The newest executions first.
     *
     * @param job only this job's (one of the application's jobs, the periodic and the import ones), or every job's
     *            when null
     * @param status only those with this Spring Batch status (COMPLETED, FAILED, STARTED, …), or all when null
     */
    public List<JobExecutionSummary> list(String job, String status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (job != null && !job.isBlank()) {
            conditions.add("i.JOB_NAME = ?");
            params.add(knownJob(job.trim()));
        }
        if (status != null && !status.isBlank()) {
            conditions.add("e.STATUS = ?");
            params.add(batchStatus(status).name());
        }
        params.add(limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql(SUMMARY + where + GROUP + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?").params(params)
                .query(this::summary).list();
    }

    /** One execution with its parameters and steps. */
    public JobExecutionDetails find(long id) {
        JobExecutionSummary summary = jdbc.sql(SUMMARY + " WHERE e.JOB_EXECUTION_ID = ?" + GROUP).param(id)
                .query(this::summary).optional()
                .orElseThrow(() -> new NotFoundException("There is no job execution " + id));
        String exitDescription = jdbc.sql("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?")
                .param(id).query(String.class).optional().orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS
                 WHERE JOB_EXECUTION_ID = ? ORDER BY PARAMETER_NAME""").param(id)
                .query(rs -> {
                    parameters.put(rs.getString(1), rs.getString(2));
                });
        List<JobExecutionDetails.Step> steps = jdbc.sql("""
                SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS, START_TIME, END_TIME, READ_COUNT, WRITE_COUNT,
                       READ_SKIP_COUNT + PROCESS_SKIP_COUNT + WRITE_SKIP_COUNT AS SKIP_COUNT, FILTER_COUNT,
                       COMMIT_COUNT, ROLLBACK_COUNT, EXIT_MESSAGE
                  FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID""").param(id)
                .query((rs, n) -> {
                    Instant started = instant(rs, "START_TIME");
                    Instant ended = instant(rs, "END_TIME");
                    return new JobExecutionDetails.Step(rs.getLong("STEP_EXECUTION_ID"), rs.getString("STEP_NAME"),
                            rs.getString("STATUS"), started, ended, duration(started, ended), rs.getLong("READ_COUNT"),
                            rs.getLong("WRITE_COUNT"), rs.getLong("SKIP_COUNT"), rs.getLong("FILTER_COUNT"),
                            rs.getLong("COMMIT_COUNT"), rs.getLong("ROLLBACK_COUNT"), blankToNull(rs.getString("EXIT_MESSAGE")));
                }).list();
        return new JobExecutionDetails(summary, blankToNull(exitDescription), parameters, steps);
    }

    private JobExecutionSummary summary(ResultSet rs, int row) throws SQLException {
        Instant started = instant(rs, "START_TIME");
        Instant ended = instant(rs, "END_TIME");
        return new JobExecutionSummary(rs.getLong("JOB_EXECUTION_ID"), rs.getString("JOB_NAME"),
                rs.getString("STATUS"), rs.getString("EXIT_CODE"), instant(rs, "CREATE_TIME"), started, ended,
                duration(started, ended), rs.getLong("READ_COUNT"), rs.getLong("WRITE_COUNT"), rs.getLong("SKIP_COUNT"));
    }

    private Long duration(Instant started, Instant ended) {
        if (started == null) {
            return null;
        }
        return (ended == null ? Instant.now(clock) : ended).toEpochMilli() - started.toEpochMilli();
    }

    /** Spring Batch writes local date-times of this JVM's zone into columns without a zone. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private String knownJob(String job) {
        if (!jobNames.contains(job)) {
            throw new IllegalArgumentException("job must be one of " + String.join(", ", jobNames) + ", was '" + job
                    + "'");
        }
        return job;
    }

    private static BatchStatus batchStatus(String status) {
        try {
            return BatchStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + Arrays.toString(BatchStatus.values())
                    + ", was '" + status + "'");
        }
    }
}
