package com.seatflow.invitation;

import java.time.Duration;
import java.util.function.IntSupplier;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code invitationExpiry} job: marks overdue learner invitations EXPIRED and releases the seats they held,
 * a thousand per transaction, so a restart after a crash simply carries on; and {@code invitationReminders}. Both run
 * on the schedules in {@code batch-jobs/schedules.yml} (see the scheduling module).
 */
@Configuration(proxyBeanMethods = false)
class InvitationJobConfiguration {

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
}
