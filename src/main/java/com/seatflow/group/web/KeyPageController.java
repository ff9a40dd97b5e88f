package com.seatflow.group.web;

import static com.seatflow.platform.HtmlPages.page;
import static com.seatflow.platform.HtmlPages.paragraph;
import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.seatflow.group.EnrolmentKeys;
import com.seatflow.group.KeyRedemptionRequest;
import com.seatflow.group.Redeemed;
import com.seatflow.group.TooManyAttemptsException;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.LearningPlatform;
import com.seatflow.platform.NotFoundException;
import com.seatflow.platform.PasswordRule;

/**
 * The page where learners redeem an enrolment key: plain HTML, every value escaped. A refused redemption shows the
 * form again with the reason and what was typed (never the password).
 */
@Controller
class KeyPageController {

    private final EnrolmentKeys keys;
    private final LearningPlatform platform;

    KeyPageController(EnrolmentKeys keys, LearningPlatform platform) {
        this.keys = keys;
        this.platform = platform;
    }

    private record Typed(String code, String email, String firstName, String lastName) {
    }

    @GetMapping("/keys")
    ResponseEntity<String> form(@RequestParam(required = false) String code, HttpServletRequest request) {
        return page(HttpStatus.OK, "Redeem an enrolment key", formHtml(request, new Typed(code, null, null, null), null));
    }

    @PostMapping("/keys/redeem")
    ResponseEntity<String> redeem(@RequestParam(required = false) String code,
            @RequestParam(required = false) String email, @RequestParam(required = false) String firstName,
            @RequestParam(required = false) String lastName, @RequestParam(required = false) String password,
            @RequestParam(required = false) String passwordAgain, HttpServletRequest request) {
        Typed typed = new Typed(code, email, firstName, lastName);
        try {
            if (password != null && !password.equals(passwordAgain)) {
                throw new IllegalArgumentException("The two passwords are not the same");
            }
            Redeemed redeemed = keys.redeem(new KeyRedemptionRequest(code, email, firstName, lastName, password),
                    request.getRemoteAddr());
            return page(HttpStatus.OK, "Welcome to " + redeemed.groupName(), welcome(redeemed));
        } catch (TooManyAttemptsException e) {
            // the form stays, filled in as typed, to send again once the wait is over
            ResponseEntity<String> refused = page(HttpStatus.TOO_MANY_REQUESTS, "Please wait",
                    formHtml(request, typed, e.getMessage()));
            return ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(refused.getBody());
        } catch (IllegalArgumentException e) {
            return page(HttpStatus.BAD_REQUEST, "Redeem an enrolment key", formHtml(request, typed, e.getMessage()));
        } catch (NotFoundException e) {
            return page(HttpStatus.NOT_FOUND, "Redeem an enrolment key", formHtml(request, typed, e.getMessage()));
        } catch (ConflictException e) {
            return page(HttpStatus.CONFLICT, "Redeem an enrolment key", formHtml(request, typed, e.getMessage()));
        }
    }

    private String welcome(Redeemed redeemed) {
        var body = new StringBuilder();
        body.append(paragraph((redeemed.accountCreated() ? "Your account " + redeemed.email() + " was created. " : "")
                + "You are now a member of the group " + redeemed.groupName() + " of " + redeemed.orgName()
                + " and enrolled on:"));
        body.append("<ul>");
        redeemed.modules().forEach(m -> body.append("<li>").append(htmlEscape(m)).append("</li>"));
        body.append("</ul>");
        body.append(paragraph(platform.signInHint(redeemed.email())));
        if (redeemed.note() != null) {
            body.append("<p class=\"warning\" role=\"alert\">").append(htmlEscape(redeemed.note())).append("</p>");
        }
        return body.toString();
    }

    private static String formHtml(HttpServletRequest request, Typed typed, String error) {
        int min = PasswordRule.MIN_LENGTH;
        var body = new StringBuilder();
        body.append(paragraph("Enter the key you were given. If you have no account yet, one is created with the "
                + "name and password you choose; if you have one, enter its password."));
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(htmlEscape(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"").append(htmlEscape(request.getContextPath()))
                .append("/keys/redeem\">")
                .append(input("Key", "code", "text", typed.code(), "required autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\""))
                .append(input("Email", "email", "email", typed.email(), "required autocomplete=\"email\""))
                .append(input("First name (new accounts)", "firstName", "text", typed.firstName(), "autocomplete=\"given-name\""))
                .append(input("Last name (new accounts)", "lastName", "text", typed.lastName(), "autocomplete=\"family-name\""))
                .append(input("Password (at least " + min + " characters)", "password", "password", null,
                        "required autocomplete=\"current-password\""))
                .append(input("Password again", "passwordAgain", "password", null, "required"))
                .append("<button type=\"submit\">Redeem</button></form>");
        return body.toString();
    }

    private static String input(String label, String name, String type, String value, String attributes) {
        return "<label>" + htmlEscape(label) + "<input type=\"" + type + "\" name=\"" + name + "\""
                + (value == null ? "" : " value=\"" + htmlEscape(value) + "\"") + " " + attributes + "></label>";
    }
}
