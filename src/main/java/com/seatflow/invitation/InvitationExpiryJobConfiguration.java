package com.seatflow.invitation;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code invitationExpiry} job: marks overdue learner invitations EXPIRED and releases the seats they held,
 * a thousand per transaction, so a restart after a crash simply carries on. Runs on a schedule.
 */
@Configuration(proxyBeanMethods = false)
class InvitationExpiryJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InvitationExpiryJobConfiguration.class);
    static final int PER_TRANSACTION = 1000;

    @Bean
    Job invitationExpiry(JobRepository jobs, PlatformTransactionManager tx, LearnerInvitations invitations) {
        var expire = new StepBuilder("expireOverdueInvitations", jobs)
                .tasklet((contribution, context) -> {
                    int expired = invitations.expireOverdue(PER_TRANSACTION);
                    contribution.incrementWriteCount(expired);
                    return expired == PER_TRANSACTION ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
                }, tx)
                .build();
        return new JobBuilder("invitationExpiry", jobs).start(expire).build();
    }

    @Bean
    InvitationExpirySchedule invitationExpirySchedule(JobLauncher launcher, Job invitationExpiry, Clock clock) {
        return new InvitationExpirySchedule(launcher, invitationExpiry, clock);
    }

    static class InvitationExpirySchedule {
        private final JobLauncher launcher;
        private final Job job;
        private final Clock clock;

        InvitationExpirySchedule(JobLauncher launcher, Job job, Clock clock) {
            this.launcher = launcher;
            this.job = job;
            this.clock = clock;
        }

        @Scheduled(cron = "${seatflow.jobs.invitation-expiry.cron:0 */15 * * * *}")
        void run() throws Exception {
            var execution = launcher.run(job, new JobParametersBuilder()
                    .addLocalDateTime("runAt", LocalDateTime.now(clock)).toJobParameters());
            log.info("invitationExpiry {}: {} invitation(s) expired", execution.getStatus(),
                    execution.getStepExecutions().stream().mapToLong(s -> s.getWriteCount()).sum());
        }
    }
}
