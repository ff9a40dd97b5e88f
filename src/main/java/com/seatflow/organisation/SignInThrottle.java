package com.seatflow.organisation;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
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
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.seatflow.platform.FailureThrottle;

/**
 * Slows down password guessing without letting anyone lock a user out. Camunda's own lockout counts failures per
 * user, so an anonymous caller could lock any user out (for good after ten tries); it is switched off
 * ({@code loginMaxAttempts}, {@code loginDelayBase} in application.yml) and replaced by this filter, which counts
 * failures per client address and user name: an address that failed {@code maxFailures} times for a user within the
 * window gets 429 for that user until the oldest failure leaves the window, while the user signs in from anywhere
 * else as usual. It covers HTTP Basic on the API and actuator and the sign-in form of the Camunda webapps, and runs
 * before Spring Security so that a refused attempt never reaches the password check.
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

    SignInThrottle(SignInSettings settings, Clock clock, ObjectMapper json) {
        this.failures = new FailureThrottle(settings.maxFailures(), settings.failureWindow(), clock);
        this.json = json;
    }

    /** A sign-in attempt: the user name it names, and the request to pass on (its body still readable). */
    private record Attempt(String user, HttpServletRequest request) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Attempt> attempt = attemptIn(request);
        if (attempt.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr() + " " + attempt.get().user().toLowerCase(Locale.ROOT);
        Optional<Duration> wait = failures.refusedFor(client);
        if (wait.isPresent()) {
            refuse(response, wait.get());
            return;
        }
        chain.doFilter(attempt.get().request(), response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failures.recordFailure(client);
        } else if (response.getStatus() < 400) {
            failures.forget(client);
        }
    }

    private Optional<Attempt> attemptIn(HttpServletRequest request) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(WEBAPP_SIGN_IN) && path.contains("/login/") && "POST".equals(request.getMethod())) {
            return webappSignIn(request);
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if ((path.startsWith("/api/") || path.startsWith("/actuator/")) && authorization != null
                && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicUser(authorization.substring(6).trim()).map(user -> new Attempt(user, request));
        }
        return Optional.empty();
    }

    private static Optional<String> basicUser(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty(); // Spring Security refuses it as it is
        }
    }

    /** Reads the user name from the form, and hands on a request whose body can be read again. */
    private static Optional<Attempt> webappSignIn(HttpServletRequest request) throws IOException {
        byte[] head = request.getInputStream().readNBytes(LARGEST_FORM + 1);
        HttpServletRequest replay = new ReplayedBody(request, head);
        if (head.length > LARGEST_FORM) {
            return Optional.empty();
        }
        for (String field : new String(head, StandardCharsets.ISO_8859_1).split("&")) {
            if (field.startsWith("username=")) {
                return Optional.of(new Attempt(
                        URLDecoder.decode(field.substring("username=".length()), StandardCharsets.UTF_8), replay));
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-ins for this user from this address; try again in " + seconds + " seconds"));
    }

    /** Forgets every failure (tests share one application, and with it this memory). */
    void forgetAll() {
        failures.forgetAll();
    }

    /** The request with the bytes already read put back in front of the rest of its body. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        ReplayedBody(HttpServletRequest request, byte[] head) throws IOException {
            super(request);
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), request.getInputStream());
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int next = all.read();
                    finished = next < 0;
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = all.read(buffer, offset, length);
                    finished = read < 0;
                    return read;
                }

                @Override
                public boolean isFinished() {
                    return finished;
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
