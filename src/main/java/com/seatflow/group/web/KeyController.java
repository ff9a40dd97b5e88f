package com.seatflow.group.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.group.EnrolmentKeyView;
import com.seatflow.group.EnrolmentKeys;
import com.seatflow.group.GeneratedKeys;
import com.seatflow.group.KeyGeneration;
import com.seatflow.group.KeyRedemptionRequest;
import com.seatflow.group.Redeemed;
import com.seatflow.group.TooManyAttemptsException;
import com.seatflow.platform.TimeParameters;

@RestController
class KeyController {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final EnrolmentKeys keys;

    KeyController(EnrolmentKeys keys) {
        this.keys = keys;
    }

    /** New keys as JSON, with their codes: the only time they are shown. */
    @PostMapping("/api/orgs/{org}/groups/{group}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    GeneratedKeys generate(@PathVariable String org, @PathVariable String group, @RequestBody KeyRequest request,
            Authentication caller) {
        return keys.generate(org, group, request.generation(), caller.getName());
    }

    /** {@code expiresAt}: an ISO-8601 time, or a date (valid through that day, UTC), as everywhere in the API. */
    record KeyRequest(Integer count, Integer usesPerKey, String expiresAt) {
        KeyGeneration generation() {
            return new KeyGeneration(count, usesPerKey, TimeParameters.endOf("expiresAt", expiresAt));
        }
    }

    /** New keys as a CSV download (ask with Accept: text/csv), with their codes: the only time they are shown. */
    @PostMapping(path = "/api/orgs/{org}/groups/{group}/keys", produces = "text/csv")
    ResponseEntity<String> generateCsv(@PathVariable String org, @PathVariable String group,
            @RequestBody KeyRequest request, Authentication caller) throws IOException {
        GeneratedKeys generated = keys.generate(org, group, request.generation(), caller.getName());
        var csv = new StringWriter();
        try (var printer = new CSVPrinter(csv, CSV)) {
            printer.printRecord("key_id", "code", "uses_per_key", "expires_at", "organisation", "group");
            for (GeneratedKeys.Code key : generated.keys()) {
                printer.printRecord(key.id(), key.code(), generated.usesPerKey(),
                        generated.expiresAt() == null ? "" : generated.expiresAt(), generated.orgCode(),
                        generated.groupCode());
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(org, group, "keys"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(csv.toString());
    }

    /** The group's keys without their codes. */
    @GetMapping("/api/orgs/{org}/groups/{group}/keys")
    List<EnrolmentKeyView> list(@PathVariable String org, @PathVariable String group) {
        return keys.list(org, group);
    }

    /** Redeems a key; needs no account (it creates one when the email has none). */
    @PostMapping("/api/keys/redeem")
    Redeemed redeem(@RequestBody KeyRedemptionRequest request, HttpServletRequest http) {
        return keys.redeem(request, http.getRemoteAddr());
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> throttled(TooManyAttemptsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}
