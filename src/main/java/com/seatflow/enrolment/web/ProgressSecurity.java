package com.seatflow.enrolment.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import com.seatflow.enrolment.ProgressRoles;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.platform.ApiSecurity;

/** Progress events come from the learning platform's account (group {@code platform}) or support; nobody else. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line modes run without a web server
class ProgressSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain progressEventsApi(HttpSecurity http, ObjectMapper json) throws Exception {
        ApiSecurity.stateless(http.securityMatcher("/api/progress-events/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().access(ApiSecurity.anyOf(
                        "Only the learning platform's account (group " + ProgressRoles.PLATFORM
                                + ") and support may report progress", ProgressRoles.PLATFORM, OrgRoles.SUPPORT))),
                json);
        return http.build();
    }
}
