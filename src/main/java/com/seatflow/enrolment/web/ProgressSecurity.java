package com.seatflow.enrolment.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import com.seatflow.enrolment.ProgressRoles;
import com.seatflow.organisation.OrgRoles;

/** Progress events come from the learning platform's account (group {@code platform}) or support; nobody else. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line modes run without a web server
class ProgressSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain progressEventsApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/progress-events/**")
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAnyAuthority(ProgressRoles.PLATFORM, OrgRoles.SUPPORT))
                .httpBasic(basic -> {
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
