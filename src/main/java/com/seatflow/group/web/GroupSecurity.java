package com.seatflow.group.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

import com.seatflow.group.GroupAdmins;
import com.seatflow.organisation.OrgRoles;

/**
 * A group's endpoints are open to the organisation's admins and support, and to the administrators of that very
 * group (rows of group_admin); nobody else, whatever else they administer. The organisation-wide group endpoints
 * ({@code /api/orgs/{org}/groups}) stay with its admins and support. Redeeming a key needs no account.
 */
@Configuration(proxyBeanMethods = false)
class GroupSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain groupApi(HttpSecurity http, GroupAdmins admins) throws Exception {
        http.securityMatcher("/api/orgs/*/groups/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/orgs/{org}/groups/{group}/**").access((authentication, context) -> {
                            Authentication auth = authentication.get();
                            if (auth == null || !auth.isAuthenticated()) {
                                return new AuthorizationDecision(false);
                            }
                            String org = context.getVariables().get("org");
                            return new AuthorizationDecision(OrgRoles.mayActOn(groups(auth), org)
                                    || admins.isAdministrator(org, context.getVariables().get("group"), auth.getName()));
                        })
                        .requestMatchers("/api/orgs/{org}/**").access((authentication, context) -> {
                            Authentication auth = authentication.get();
                            return new AuthorizationDecision(auth != null && auth.isAuthenticated()
                                    && OrgRoles.mayActOn(groups(auth), context.getVariables().get("org")));
                        }))
                .httpBasic(basic -> {
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
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

    private static List<String> groups(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
