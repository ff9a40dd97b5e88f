package com.seatflow.platform;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * What no other handler answers is a fault of Seatflow's, not of the request: a 500 problem that says so and gives the
 * reference its failure is logged under, instead of Spring Boot's error JSON with nothing to quote to support. It
 * comes after {@link ApiErrors} and Spring Boot's problem details handler, so every known exception keeps its answer.
 */
@RestControllerAdvice(basePackages = "com.seatflow")
@Order(Ordered.LOWEST_PRECEDENCE)
class UnexpectedErrors {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null; // nobody is left to answer
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} answering {} {}", reference, request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Seatflow failed to answer this request because of an error of its own, logged as " + reference
                        + ". Try again later; if it happens again, give support this reference.");
        problem.setProperty("reference", reference);
        return problem;
    }
}
