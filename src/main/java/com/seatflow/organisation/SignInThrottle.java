package com.seatflow.organisation;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.seatflow.platform.ApiSecurity;
import com.seatflow.platform.FailureThrottle;

/**
 * Slows down password guessing without letting anyone lock a user out. Camunda's own lockout counts failures per
 * user, so an anonymous caller could lock any user out (for good after ten tries); it is switched off
 * ({@code loginMaxAttempts}, {@code loginDelayBase} in application.yml) and replaced by this filter, which counts
 * failures per client address and user name: an address that failed {@code maxFailures} times for a user within the
 * window gets 429 for that user until the oldest failure leaves the window, while the user signs in from anywhere
 * else as usual. Every node counts the same failures (a table, not memory), so a load balancer spreading the tries
 * over nodes gives no more of them. It covers HTTP Basic (the API and actuator) and the sign-in form of the Camunda
 * webapps, and runs before Spring Security so that a refused attempt never reaches the password check.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SignInSettings.class)
class SignInThrottle extends OncePerRequestFilter {

    /** The Camunda webapps' sign-in: {@code POST .../auth/user/{engine}/login/{app}} with a form body. */
    private static final String WEBAPP_SIGN_IN = "/camunda/api/admin/auth/user/";
    private static final int LARGEST_FORM = 16 * 1024;

    private final FailureThrottle failures;
    private final ObjectMapper json;

    SignInThrottle(JdbcClient jdbc, SignInSettings settings, Clock clock, ObjectMapper json) {
        this.failures = new FailureThrottle(jdbc, "sign-in", settings.maxFailures(), settings.failureWindow(), clock);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest passedOn = request;
        Optional<String> user;
        if (isWebappSignIn(request)) {
            byte[] form = request.getInputStream().readNBytes(LARGEST_FORM + 1);
            if (form.length > LARGEST_FORM) {
                // a sign-in form is a few dozen bytes; a padded one could hide its user name from the count
                refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "A sign-in form has at most " + LARGEST_FORM
                        + " bytes");
                return;
            }
            passedOn = new ReplayedBody(request, form);
            user = formField(form, "username");
        } else {
            user = basicUserOf(request);
        }
        if (user.isEmpty()) {
            chain.doFilter(passedOn, response);
            return;
        }
        String client = request.getRemoteAddr() + " " + user.get().toLowerCase(Locale.ROOT);
        FailureThrottle.Standing standing = failures.standing(client);
        Optional<Duration> wait = standing.refusedFor();
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(FailureThrottle.retryAfterSeconds(wait.get())));
            refuse(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for this user from this address;"
                    + " try again in " + FailureThrottle.inWords(wait.get()));
            return;
        }
        chain.doFilter(passedOn, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failures.recordFailure(client);
        } else if (response.getStatus() < 400 && standing.recentFailures() > 0) {
            failures.forget(client);
        }
    }

    private static boolean isWebappSignIn(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(WEBAPP_SIGN_IN) && path.contains("/login/") && "POST".equals(request.getMethod());
    }

    /**
     * The user name of HTTP Basic credentials, on whatever path: the API and actuator read them wherever the path
     * leads once decoded ({@code /%61pi/me} is {@code /api/me}), so the count must not depend on how it is spelt.
     */
    private static Optional<String> basicUserOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty(); // Spring Security refuses it as it is
        }
    }

    private static Optional<String> formField(byte[] form, String name) {
        for (String field : new String(form, StandardCharsets.ISO_8859_1).split("&")) {
            if (field.startsWith(name + "=")) {
                return Optional.of(URLDecoder.decode(field.substring(name.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * The problem also carries its detail as {@code message}: the webapps' sign-in page shows a refusal's
     * {@code message} instead of its own "Wrong credentials" (which would tell a throttled user that the right password
     * is wrong).
     */
    private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("message", detail);
        ApiSecurity.writeProblem(response, json, problem);
    }

    /** Forgets every failed sign-in (tests share one database). */
    void forgetAll() {
        failures.forgetAll();
    }

    /** The request with its form, already read, to be read again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        ReplayedBody(HttpServletRequest request, byte[] form) {
            super(request);
            ByteArrayInputStream bytes = new ByteArrayInputStream(form);
            this.body = new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return available() == 0;
                }

                @Override
                public int available() {
                    return bytes.available();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the sign-in form is read blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(body,
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }
}
