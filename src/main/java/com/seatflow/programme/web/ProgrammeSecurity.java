package com.seatflow.programme.web;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

import com.seatflow.programme.ProgrammeRoles;

/**
 * The organisation's programme endpoints are open to its learning managers and programme learner admins as well
 * as its admins; each endpoint then checks the programme itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line modes run without a web server
class ProgrammeSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain programmeApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/orgs/*/programmes/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/orgs/{org}/programmes/**")
                        .access((authentication, context) -> {
                            var auth = authentication.get();
                            List<String> groups = auth == null ? List.of()
                                    : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
                            return new AuthorizationDecision(
                                    ProgrammeRoles.mayReachProgrammes(groups, context.getVariables().get("org")));
                        }))
                .httpBasic(basic -> {
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
