package com.seatflow.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code invitationExpiry} job: marks overdue learner invitations EXPIRED and releases the seats they held,
 * a thousand per transaction, so a restart after a crash simply carries on; and {@code invitationReminders}. Both run
 * on a schedule.
 */
@Configuration(proxyBeanMethods = false)
class InvitationJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InvitationJobConfiguration.class);
    static final int PER_TRANSACTION = 1000;

    @Bean
    Job invitationExpiry(JobRepository jobs, PlatformTransactionManager tx, LearnerInvitations invitations) {
        return batchedJob("invitationExpiry", jobs, tx, () -> invitations.expireOverdue(PER_TRANSACTION));
    }

    /** The {@code invitationReminders} job: one reminder with a fresh link before a learner invitation expires. */
    @Bean
    Job invitationReminders(JobRepository jobs, PlatformTransactionManager tx, LearnerInvitations invitations,
            @Value("${seatflow.jobs.invitation-reminders.days-before:3}") int daysBefore) {
        return batchedJob("invitationReminders", jobs, tx,
                () -> invitations.remindExpiringSoon(Duration.ofDays(daysBefore), PER_TRANSACTION));
    }

    /** A one-step job that repeats {@code batch} (one transaction each) until it handles fewer than a full batch. */
    private static Job batchedJob(String name, JobRepository jobs, PlatformTransactionManager tx, IntSupplier batch) {
        var step = new StepBuilder(name + "Step", jobs)
                .tasklet((contribution, context) -> {
                    int handled = batch.getAsInt();
                    contribution.incrementWriteCount(handled);
                    return handled == PER_TRANSACTION ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
                }, tx)
                .build();
        return new JobBuilder(name, jobs).start(step).build();
    }

    @Bean
    InvitationJobSchedules invitationJobSchedules(JobLauncher launcher, Job invitationExpiry, Job invitationReminders,
            Clock clock) {
        return new InvitationJobSchedules(launcher, invitationExpiry, invitationReminders, clock);
    }

    static class InvitationJobSchedules {
        private final JobLauncher launcher;
        private final Job expiry;
        private final Job reminders;
        private final Clock clock;

        InvitationJobSchedules(JobLauncher launcher, Job expiry, Job reminders, Clock clock) {
            this.launcher = launcher;
            this.expiry = expiry;
            this.reminders = reminders;
            this.clock = clock;
        }

        @Scheduled(cron = "${seatflow.jobs.invitation-expiry.cron:0 */15 * * * *}")
        void expire() throws Exception {
            launch(expiry);
        }

        @Scheduled(cron = "${seatflow.jobs.invitation-reminders.cron:0 0 8 * * *}")
        void remind() throws Exception {
            launch(reminders);
        }

        private void launch(Job job) throws Exception {
            var execution = launcher.run(job, new JobParametersBuilder()
                    .addLocalDateTime("runAt", LocalDateTime.now(clock)).toJobParameters());
            log.info("{} {}: {} invitation(s)", job.getName(), execution.getStatus(),
                    execution.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum());
        }
    }
}
