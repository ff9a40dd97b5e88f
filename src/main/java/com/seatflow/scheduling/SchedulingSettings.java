package com.seatflow.scheduling;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled run the schedules on this node (the command line turns it off)
 * @param file the schedules file; when it does not exist, the copy in the jar is used
 * @param reloadIntervalMs how often the file is checked for changes
 * @param lockAtMostFor how long a node that died while running a job keeps the others from running it
 * @param lockAtLeastFor how long a fire stays locked even when its job ended sooner; longer than the clock
 *        difference between nodes, shorter than the shortest interval between two fires
 */
@ConfigurationProperties("seatflow.schedules")
public record SchedulingSettings(@DefaultValue("true") boolean enabled,
        @DefaultValue("batch-jobs/schedules.yml") Path file, @DefaultValue("5000") long reloadIntervalMs,
        @DefaultValue("PT1H") Duration lockAtMostFor, @DefaultValue("PT5S") Duration lockAtLeastFor) {
}
