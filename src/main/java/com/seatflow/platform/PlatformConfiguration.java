package com.seatflow.platform;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Runs batch jobs off the caller's thread and transaction, so a process step never waits for a job. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor importJobExecutor() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("seatflow-job-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(1000);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
