package com.seatflow.ingest;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Shared by every inbound channel and node; routes refer to it as {@code #inboundMessageIds}. */
    @Bean
    InboundMessageIds inboundMessageIds(DataSource dataSource, PlatformTransactionManager transactions) {
        return new InboundMessageIds(dataSource, transactions, "seatflow-inbound");
    }
}
