package com.seatflow.chain;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    /**
     * Runs around Spring Security's filter chain: {@link OrgAccess} marks a chain manager's request inside it, and
     * the audit row is written once the chain returns, also when it refused the request there.
     */
    @Bean
    FilterRegistrationBean<ChainAuditFilter> chainAuditFilter(AuditLog auditLog) {
        var registration = new FilterRegistrationBean<>(new ChainAuditFilter(auditLog));
        registration.addUrlPatterns("/api/orgs/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
