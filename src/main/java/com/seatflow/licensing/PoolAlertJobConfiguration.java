package com.seatflow.licensing;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Batch job {@code poolAlertCheck}: the daily check of every pool that has not ended
 * ({@link PoolAlertChecks#checkAll()}), as a job so that it is scheduled, locked and listed like the others. Its write
 * count is the number of alerts sent; each alert commits in a transaction of its own, so one sent stays sent even if
 * the check fails later.
 */
@Configuration(proxyBeanMethods = false)
class PoolAlertJobConfiguration {

    @Bean
    Job poolAlertCheck(JobRepository jobs, PlatformTransactionManager tx, PoolAlertChecks checks) {
        var checkPools = new StepBuilder("checkPoolAlerts", jobs)
                .tasklet((contribution, context) -> {
                    contribution.incrementWriteCount(checks.checkAll());
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
        return new JobBuilder("poolAlertCheck", jobs).start(checkPools).build();
    }
}
