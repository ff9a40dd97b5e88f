package com.seatflow.platform;

import java.time.Clock;

import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.config.BeanPostProcessor;
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

    /** Every job start goes through {@link RetryingJobLauncher}, whoever asks for the launcher. */
    @Bean
    static BeanPostProcessor retryingJobLaunches() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JobLauncher launcher && !(bean instanceof RetryingJobLauncher)
                        ? new RetryingJobLauncher(launcher) : bean;
            }
        };
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
