package com.seatflow.organisation;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import com.seatflow.platform.ApiSecurity;

/**
 * The REST API authenticates with HTTP Basic against the same identity store as the Camunda Tasklist.
 * Everything under /api/orgs/{org}/ is limited to that organisation's admins, support and its chain managers.
 * The Camunda webapps under /camunda keep their own session login. It lives with the identities it checks, so the
 * shared platform module depends on no business module.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command-line modes run without a web server
class SecurityConfiguration {

    /**
     * {@code orgAccess} decides who may act on an organisation (its admins, support, and the chain managers of an
     * active member; see the chain module); a refusal's reason becomes the 403 problem's detail.
     */
    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthorizationManager<RequestAuthorizationContext> orgAccess,
            ObjectMapper json) throws Exception {
        var supportOnly = ApiSecurity.anyOf("Only Seatflow support may use this endpoint", OrgRoles.SUPPORT);
        ApiSecurity.stateless(http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/orgs/{org}/**").access(orgAccess)
                        .requestMatchers("/api/support/**").access(supportOnly)
                        .requestMatchers("/api/jobs/**").access(supportOnly)
                        .requestMatchers("/api/import-formats/**").permitAll()
                        .anyRequest().authenticated()), json);
        return http.build();
    }

    /**
     * Actuator: {@code health} and {@code info} are open (anonymous callers see only UP or DOWN); HTTP Basic is read
     * so that support sees the health details ({@code management.endpoint.health.roles}).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().hasAuthority(OrgRoles.SUPPORT))
                .httpBasic(basic -> {
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    SecurityFilterChain everythingElse(HttpSecurity http, ObjectMapper json) throws Exception {
        // Camunda's first-user setup would make the first visitor of a new installation its administrator: the first
        // support user comes from seatflow.support-user.* instead (FirstSupportUser); nothing else here is refused
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/camunda/api/admin/setup/**").denyAll()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, refused) ->
                        ApiSecurity.writeProblem(response, json, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                                "Camunda's first-user setup is closed: the first support user is made from"
                                        + " seatflow.support-user.id and .password"))))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    AuthenticationProvider identityAuthenticationProvider(Identities identities) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String user = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                List<String> groups = identities.authenticate(user, password)
                        .orElseThrow(() -> new BadCredentialsException("Wrong user name or password"));
                List<GrantedAuthority> authorities = groups.stream()
                        .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
