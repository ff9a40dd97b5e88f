package com.seatflow.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingSettings.class)
class SchedulingConfiguration {

    /** The table of the schedule locks (migration V19); {@link JobRuns} reads it to name a lock's holder. */
    static final String LOCK_TABLE = "shedlock";

    /**
     * ShedLock on the {@code shedlock} table, with the database's clock (so the nodes' clocks need not agree on lock
     * expiry) and the node's process id and host as the holder, which shows who runs what.
     */
    @Bean
    LockProvider scheduleLockProvider(DataSource dataSource, PlatformTransactionManager transactions) {
        return lockProvider(dataSource, transactions, ManagementFactory.getRuntimeMXBean().getName());
    }

    static LockProvider lockProvider(DataSource dataSource, PlatformTransactionManager transactions, String node) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTransactionManager(transactions)
                .withTableName(LOCK_TABLE)
                .withLockedByValue(node)
                .usingDbTime()
                .build());
    }

    @Bean
    ScheduledFires scheduledFires(JobRuns runs, LockProvider scheduleLockProvider, Clock clock) {
        return new ScheduledFires(runs, new DefaultLockingTaskExecutor(scheduleLockProvider), clock);
    }

    @Bean
    JobSchedules jobSchedules(SchedulingSettings settings, JobRuns runs, ScheduledFires scheduledFires, Clock clock) {
        return new JobSchedules(settings, runs, scheduledFires, clock);
    }
}
