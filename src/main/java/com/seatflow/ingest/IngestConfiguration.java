package com.seatflow.ingest;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Shared by every inbound channel and node; routes refer to it as {@code #inboundMessageIds}. */
    @Bean
    InboundMessageIds inboundMessageIds(DataSource dataSource, PlatformTransactionManager transactions,
            @Value("${seatflow.inbound.stale-lock-after:PT10M}") Duration staleAfter, Clock clock) {
        return new InboundMessageIds(dataSource, transactions, "seatflow-inbound", staleAfter, clock);
    }
}
