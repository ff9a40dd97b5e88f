package com.seatflow.scheduling;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.stereotype.Component;

import com.seatflow.platform.NotFoundException;

/**
 * Runs a Spring Batch job by name, on the caller's thread, with the two parameters every periodic job takes:
 * {@code runAt} (identifying: the fire time of a schedule, so one fire can only ever make one job instance) and
 * {@code startedBy} (who asked). Jobs that need more (an import's jobs need its id) cannot be run this way.
 */
@Component
public class JobRuns {

    static final String RUN_AT = "runAt";
    static final String STARTED_BY = "startedBy";

    private final JobLauncher launcher;
    private final Map<String, Job> runnable = new TreeMap<>();

    JobRuns(JobLauncher launcher, List<Job> jobs) {
        this.launcher = launcher;
        for (Job job : jobs) {
            if (runsOnItsOwn(job)) {
                runnable.put(job.getName(), job);
            }
        }
    }

    private static boolean runsOnItsOwn(Job job) {
        try {
            job.getJobParametersValidator().validate(parameters(Instant.EPOCH, "check"));
            return true;
        } catch (JobParametersInvalidException needsMore) {
            return false;
        }
    }

    /** The jobs that can be run by name (and scheduled). */
    public SortedSet<String> names() {
        return new TreeSet<>(runnable.keySet());
    }

    /**
     * Runs the job now and returns its execution, whatever its status.
     *
     * @throws NotFoundException when no such job can be run by name (the message lists those that can)
     * @throws JobExecutionException when Spring Batch refuses to start it, e.g. this {@code runAt} already ran
     */
    public JobExecution run(String name, Instant runAt, String startedBy) throws JobExecutionException {
        Job job = runnable.get(name);
        if (job == null) {
            throw new NotFoundException("There is no job '" + name + "' that can be run by name; the jobs are "
                    + runnable.keySet());
        }
        return launcher.run(job, parameters(runAt, startedBy));
    }

    private static JobParameters parameters(Instant runAt, String startedBy) {
        return new JobParametersBuilder()
                .addLocalDateTime(RUN_AT, LocalDateTime.ofInstant(runAt, ZoneOffset.UTC))
                .addString(STARTED_BY, startedBy, false)
                .toJobParameters();
    }
}
