package com.seatflow.programme.web;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

import com.seatflow.platform.AccessRefusal;
import com.seatflow.platform.ApiSecurity;
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
    SecurityFilterChain programmeApi(HttpSecurity http, ObjectMapper json) throws Exception {
        ApiSecurity.stateless(http.securityMatcher("/api/orgs/*/programmes/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/orgs/{org}/programmes/**")
                        .access((authentication, context) -> {
                            var auth = authentication.get();
                            if (!ApiSecurity.isSignedIn(auth)) {
                                return new AuthorizationDecision(false);
                            }
                            String org = context.getVariables().get("org");
                            List<String> groups = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                    .toList();
                            return ProgrammeRoles.mayReachProgrammes(groups, org) ? new AuthorizationDecision(true)
                                    : new AccessRefusal("Only the admins, learning managers and programme learner"
                                            + " admins of organisation " + org + " may use its programmes");
                        })), json);
        return http.build();
    }
}
