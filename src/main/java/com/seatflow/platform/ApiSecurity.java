package com.seatflow.platform;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * What every API filter chain shares, whichever module declares it: HTTP Basic with a 401 problem, a 403 problem
 * whose detail is the refusal's reason, no sessions and no CSRF tokens (nothing is kept between requests).
 */
public final class ApiSecurity {

    private static final AuthenticationTrustResolverImpl TRUST = new AuthenticationTrustResolverImpl();

    private ApiSecurity() {
    }

    /** Applies the shared settings to a chain; its matcher and authorization rules are the caller's. */
    public static HttpSecurity stateless(HttpSecurity http, ObjectMapper json) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(new ApiAuthenticationEntryPoint(json)))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) -> writeProblem(
                        response, json, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, reasonOf(denied)))))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /**
     * Answers with a problem from a filter, where no controller advice reaches. Written, not closed: the response is
     * sent once the filters around this one are done (the chain audit records a refusal before the caller sees it).
     */
    public static void writeProblem(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** Signed in with real credentials (Spring Security's anonymous caller counts as authenticated otherwise). */
    public static boolean isSignedIn(Authentication caller) {
        return TRUST.isAuthenticated(caller);
    }

    private static String reasonOf(Exception denied) {
        return denied instanceof AuthorizationDeniedException refused
                && refused.getAuthorizationResult() instanceof AccessRefusal refusal ? refusal.reason()
                        : "You may not do this";
    }

    /**
     * Grants signed-in callers with one of {@code authorities}; refuses everyone else with {@code reason} (an
     * anonymous caller is asked to sign in instead).
     */
    public static AuthorizationManager<RequestAuthorizationContext> anyOf(String reason, String... authorities) {
        var wanted = Arrays.asList(authorities);
        return (Supplier<Authentication> authentication, RequestAuthorizationContext context) -> {
            Authentication caller = authentication.get();
            if (!isSignedIn(caller)) {
                return new AuthorizationDecision(false);
            }
            Collection<? extends GrantedAuthority> held = caller.getAuthorities();
            return held.stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains)
                    ? new AuthorizationDecision(true) : new AccessRefusal(reason);
        };
    }
}
