package com.seatflow.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every API error is an RFC 7807 problem whose detail names what is wrong. The other errors of Spring MVC (a missing
 * parameter, 404 for an unknown path, 405, 415, …) are problems too, through Spring Boot's problem details handler
 * ({@code spring.mvc.problemdetails.enabled}); this advice comes first so that its plainer details win where both
 * know an exception.
 */
@RestControllerAdvice(basePackages = "com.seatflow")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    private static final int QUOTED_MAX = 200;
    private static final int QUOTED_KEPT = 40;
    private static final Pattern LONG_QUOTED = Pattern.compile("'([^']{" + (QUOTED_MAX + 1) + ",})'");
    private static final Pattern NUMBER_IN_PARENTHESES = Pattern.compile("\\(([-+]?[0-9.eE+-]+)\\)");

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return badRequest(e.getMessage());
    }

    /** "imports/{id}: 'abc' is not a whole number", "limit: 'abc' is not a whole number". */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String name = e.getParameter().hasParameterAnnotation(PathVariable.class)
                ? pathSegmentOf(e.getName(), (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
                : e.getName();
        if (e.getValue() instanceof String digits && digits.matches("[-+]?\\d+")
                && !ValueWords.range(e.getRequiredType()).isEmpty()) {
            return badRequest(name + ": '" + digits + "' is out of range: it must be "
                    + ValueWords.expected(e.getRequiredType()) + ValueWords.range(e.getRequiredType()));
        }
        return badRequest(name + ": '" + e.getValue() + "' is not " + ValueWords.expected(e.getRequiredType()));
    }

    /** The variable with the path segment before it, as in "imports/{id}", or just "{id}". */
    private static String pathSegmentOf(String variable, String pattern) {
        String placeholder = "{" + variable + "}";
        int at = pattern == null ? -1 : pattern.indexOf("/" + placeholder);
        if (at <= 0) {
            return placeholder;
        }
        return pattern.substring(pattern.lastIndexOf('/', at - 1) + 1, at) + "/" + placeholder;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return badRequest(unreadableBody(e));
    }

    private static String unreadableBody(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            // the path ends with the unknown field itself; what holds it is named instead, if it is not the body
            var holder = unknown.getPath().subList(0, Math.max(0, unknown.getPath().size() - 1));
            return "The request body is not the JSON expected: " + (holder.isEmpty() ? "it" : path(holder))
                    + " has no field '" + unknown.getPropertyName() + "'; its fields are "
                    + unknown.getKnownPropertyIds();
        }
        if (e.getCause() instanceof InvalidFormatException invalid) {
            return "The request body is not the JSON expected: " + field(invalid) + "'" + invalid.getValue()
                    + "' is not " + ValueWords.expected(invalid.getTargetType());
        }
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return "The request body is not the JSON expected: " + field(mismatched) + "it must be "
                    + ValueWords.expected(mismatched.getTargetType());
        }
        InputCoercionException tooBig = Causes.find(e, InputCoercionException.class).orElse(null);
        if (tooBig != null) {
            // valid JSON, but a number beyond what the field holds: Jackson's message names neither the field nor
            // the range in words
            String field = e.getCause() instanceof JsonMappingException mapping ? field(mapping) : "";
            return "The request body is not the JSON expected: " + field + "'" + numberText(tooBig)
                    + "' is out of range: it must be " + ValueWords.expected(tooBig.getTargetType())
                    + ValueWords.range(tooBig.getTargetType());
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            var at = json.getLocation();
            // Jackson's message may end with where it started reading ("start marker at [Source: …]")
            String reason = json.getOriginalMessage().replaceAll("\\s*\\(?(start marker )?at \\[Source.*", "")
                    .lines().findFirst().orElse("");
            return "The request body is not valid JSON: " + reason + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return "The request body is missing or cannot be read";
    }

    /** "2147483648" from Jackson's "Numeric value (2147483648) out of range of int (…)". */
    private static String numberText(InputCoercionException e) {
        Matcher number = NUMBER_IN_PARENTHESES.matcher(e.getOriginalMessage());
        return number.find() ? number.group(1) : "the number";
    }

    /** "newGroup.code: " for the field of the body the value was meant for. */
    private static String field(JsonMappingException e) {
        String path = path(e.getPath());
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String path(java.util.List<JsonMappingException.Reference> references) {
        return references.stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ProblemDetail badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, shortened(detail));
    }

    /**
     * The detail with every quoted value longer than {@value #QUOTED_MAX} characters cut to its start and its length:
     * "code 'aaaa…' (1000000 characters) must be …". A detail quotes the value it refuses, and a refused megabyte
     * should not come back as one.
     */
    static String shortened(String detail) {
        if (detail == null || detail.length() <= QUOTED_MAX) {
            return detail;
        }
        Matcher quoted = LONG_QUOTED.matcher(detail);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            String value = quoted.group(1);
            String start = value.substring(0, value.offsetByCodePoints(0, QUOTED_KEPT));
            quoted.appendReplacement(out, Matcher.quoteReplacement("'" + start + "…' (" + value.length()
                    + " characters)"));
        }
        quoted.appendTail(out);
        return out.toString();
    }
}
