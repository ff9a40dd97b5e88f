package com.seatflow.platform;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The API's answer to a request without valid HTTP Basic credentials: a 401 problem that asks for them. The detail
 * is the same for missing credentials, an unknown user and a wrong password, so it does not tell which users exist.
 * (Repeated failures are answered with 429 before they get here: see the organisation module's SignInThrottle.)
 */
public class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String DETAIL = "Sign in with HTTP Basic, with a Seatflow user name and password: none were "
            + "given, or they are wrong";

    private final ObjectMapper json;

    public ApiAuthenticationEntryPoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, DETAIL);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Seatflow\"");
        ApiSecurity.writeProblem(response, json, problem);
    }
}
