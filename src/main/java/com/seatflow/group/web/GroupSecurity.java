package com.seatflow.group.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import com.seatflow.group.GroupAdmins;
import com.seatflow.platform.ApiSecurity;

/**
 * A group's endpoints are open to the administrators of that very group (rows of group_admin) and to whoever may act
 * on its organisation ({@code orgAccess}: its admins, support, its chain managers); nobody else, whatever other group
 * they administer. Redeeming a key needs no account.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line modes run without a web server
class GroupSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain groupApi(HttpSecurity http, GroupAdmins admins,
            AuthorizationManager<RequestAuthorizationContext> orgAccess, ObjectMapper json) throws Exception {
        ApiSecurity.stateless(http.securityMatcher("/api/orgs/*/groups/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/orgs/{org}/groups/{group}/**").access((authentication, context) -> {
                            Authentication auth = authentication.get();
                            if (ApiSecurity.isSignedIn(auth) && admins.isAdministrator(context.getVariables().get("org"),
                                    context.getVariables().get("group"), auth.getName())) {
                                return new AuthorizationDecision(true);
                            }
                            return orgAccess.check(authentication, context);
                        })
                        .requestMatchers("/api/orgs/{org}/**").access(orgAccess)), json);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain keyRedemptionApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/keys/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
