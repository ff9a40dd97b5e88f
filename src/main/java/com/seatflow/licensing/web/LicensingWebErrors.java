package com.seatflow.licensing.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request body that is not the JSON expected is a 400 whose detail says what could not be read. */
@RestControllerAdvice(basePackageClasses = LicensingWebErrors.class)
class LicensingWebErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String message = e.getMostSpecificCause().getMessage();
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not the JSON expected" + (firstLine.isEmpty() ? "" : ": " + firstLine));
    }
}
