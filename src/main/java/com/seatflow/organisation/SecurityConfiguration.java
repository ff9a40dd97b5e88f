package com.seatflow.organisation;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The REST API authenticates with HTTP Basic against the same identity store as the Camunda Tasklist.
 * Everything under /api/orgs/{org}/ is limited to that organisation's admins and support.
 * The Camunda webapps under /camunda keep their own session login. It lives with the identities it checks, so the
 * shared platform module depends on no business module.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/orgs/{org}/**").access(orgAdminsOrSupport())
                        .requestMatchers("/api/support/**").hasAuthority(OrgRoles.SUPPORT)
                        .requestMatchers("/api/import-formats/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> {
                })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
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

    private static AuthorizationManager<RequestAuthorizationContext> orgAdminsOrSupport() {
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
            Authentication auth = authentication.get();
            if (auth == null || !auth.isAuthenticated()) {
                return new AuthorizationDecision(false);
            }
            List<String> groups = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
            return new AuthorizationDecision(OrgRoles.mayActOn(groups, context.getVariables().get("org")));
        };
    }
}
