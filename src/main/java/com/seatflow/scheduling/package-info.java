/**
 * Runs the periodic Spring Batch jobs on the schedules in {@code batch-jobs/schedules.yml} (reloaded while running),
 * once per fire across every node on one database, and lists job executions and schedules for operators.
 */
package com.seatflow.scheduling;
