package com.seatflow.chain;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    /** Runs inside Spring Security's filter chain, after {@link OrgAccess} has marked a chain manager's request. */
    @Bean
    FilterRegistrationBean<ChainAuditFilter> chainAuditFilter(AuditLog auditLog) {
        var registration = new FilterRegistrationBean<>(new ChainAuditFilter(auditLog));
        registration.addUrlPatterns("/api/orgs/*");
        return registration;
    }
}
