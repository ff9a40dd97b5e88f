package com.seatflow.invitation.web;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.seatflow.invitation.AcceptanceForm;
import com.seatflow.invitation.InvitationAnswering;
import com.seatflow.invitation.InvitationManagement;
import com.seatflow.invitation.InvitationOffer;
import com.seatflow.invitation.InvitationView;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.HtmlPages;
import com.seatflow.platform.PasswordRule;

/**
 * The page an invitation mail links to: plain HTML, every value escaped. The link's token is the only credential, so
 * the answers are POSTs to paths that carry it, each answered by a redirect to the page; nothing changes on GET. Links
 * that are unknown or replaced by a newer mail or shareable link answer 404. An accepted or declined invitation's page
 * says so (and how to sign in); invitations that expired or were revoked or canceled answer 410. The rest go to the
 * {@link InvitationAnswering} bean of the invitation's kind.
 */
@Controller
class InvitationPageController {

    private static final String ACCEPTED = "ACCEPTED";
    private static final String DECLINED = "DECLINED";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final InvitationManagement invitations;
    private final Map<String, InvitationAnswering> answeringByKind;
    private final Clock clock;

    InvitationPageController(InvitationManagement invitations, List<InvitationAnswering> answering, Clock clock) {
        this.invitations = invitations;
        this.answeringByKind = answering.stream()
                .collect(Collectors.toMap(InvitationAnswering::kind, Function.identity()));
        this.clock = clock;
    }

    private interface Action {
        ResponseEntity<String> run(InvitationView invitation, InvitationAnswering answering);
    }

    @GetMapping("/invitations/{token}")
    ResponseEntity<String> show(@PathVariable String token, HttpServletRequest request) {
        return withInvitation(token, (invitation, answering) -> switch (invitation.status()) {
            case ACCEPTED -> html(HttpStatus.OK, "Invitation accepted", paragraph(answering.acceptedNote(invitation)));
            case DECLINED -> html(HttpStatus.OK, "Invitation declined",
                    paragraph("You declined this invitation. Nothing else changes."));
            default -> ifOpen(invitation, () -> offerPage(HttpStatus.OK, answering.offer(invitation),
                    actionsOf(request, token), null));
        });
    }

    /**
     * Answers with a redirect to the page ("post/redirect/get"), so reloading it does not send the form again. Accepting
     * twice (a double click) shows the accepted page again and changes nothing.
     */
    @PostMapping("/invitations/{token}/accept")
    ResponseEntity<String> accept(@PathVariable String token, @RequestParam(required = false) String password,
            @RequestParam(required = false) String passwordAgain, HttpServletRequest request) {
        return withInvitation(token, (invitation, answering) -> {
            if (invitation.status().equals(ACCEPTED)) {
                return seeThePage(request, token);
            }
            return ifOpen(invitation, () -> {
                try {
                    answering.accept(invitation, new AcceptanceForm(password, passwordAgain));
                    return seeThePage(request, token);
                } catch (IllegalArgumentException badInput) {
                    return offerPage(HttpStatus.BAD_REQUEST, answering.offer(invitation),
                            actionsOf(request, token), badInput.getMessage());
                }
            });
        });
    }

    @PostMapping("/invitations/{token}/decline")
    ResponseEntity<String> decline(@PathVariable String token, HttpServletRequest request) {
        return withInvitation(token, (invitation, answering) -> {
            if (invitation.status().equals(DECLINED)) {
                return seeThePage(request, token);
            }
            return ifOpen(invitation, () -> {
                answering.decline(invitation);
                return seeThePage(request, token);
            });
        });
    }

    private ResponseEntity<String> withInvitation(String token, Action action) {
        InvitationView invitation = invitations.byToken(token).orElse(null);
        if (invitation == null) {
            return html(HttpStatus.NOT_FOUND, "This invitation link is not valid",
                    paragraph("The link is unknown, or a newer invitation mail or link has replaced it. Use the link "
                            + "in the most recent invitation mail, or ask the person who invited you for a new one."));
        }
        InvitationAnswering answering = answeringByKind.get(invitation.kind());
        if (answering == null) {
            return html(HttpStatus.NOT_IMPLEMENTED, "Not supported yet",
                    paragraph("Answering " + invitation.kind().toLowerCase(Locale.ROOT) + " invitations on this page is not "
                            + "supported yet. Please contact the person who invited you."));
        }
        try {
            return action.run(invitation, answering);
        } catch (ConflictException stateChanged) {
            return html(HttpStatus.CONFLICT, "This invitation can no longer be answered",
                    paragraph(stateChanged.getMessage()));
        }
    }

    /** The page, when the invitation still waits for an answer; otherwise why it no longer can be answered (410). */
    private ResponseEntity<String> ifOpen(InvitationView invitation, Supplier<ResponseEntity<String>> page) {
        String closed = whyClosed(invitation);
        return closed == null ? page.get()
                : html(HttpStatus.GONE, "This invitation can no longer be answered", paragraph(closed));
    }

    private static ResponseEntity<String> seeThePage(HttpServletRequest request, String token) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(actionsOf(request, token))).build();
    }

    private String whyClosed(InvitationView invitation) {
        return switch (invitation.status()) {
            case "PENDING" -> invitation.expiresAt().isAfter(Instant.now(clock)) ? null : expired(invitation);
            case "EXPIRED" -> expired(invitation);
            case ACCEPTED -> "This invitation has already been accepted.";
            case DECLINED -> "This invitation was declined.";
            case "REVOKED" -> "This invitation was revoked. If you were invited again, use the link in the newer mail.";
            default -> "This invitation was canceled.";
        };
    }

    private static String expired(InvitationView invitation) {
        return "This invitation expired on " + WHEN.format(invitation.expiresAt())
                + ". Ask the person who invited you to send it again.";
    }

    private static String actionsOf(HttpServletRequest request, String token) {
        return request.getContextPath() + "/invitations/" + token;
    }

    private static ResponseEntity<String> offerPage(HttpStatus status, InvitationOffer offer,
            String actions, String error) {
        var body = new StringBuilder();
        // an invitee without a name is named by their email, which then is not repeated
        String invitee = offer.inviteeName().equals(offer.inviteeEmail()) ? offer.inviteeEmail()
                : offer.inviteeName() + " (" + offer.inviteeEmail() + ")";
        body.append(paragraph(offer.inviterName() + " invited " + invitee + " to " + offer.what() + "."));
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(htmlEscape(error)).append("</p>");
        }
        if (offer.warning() != null) {
            body.append("<p class=\"warning\" role=\"alert\"><strong>You already have an account.</strong> ")
                    .append(htmlEscape(offer.warning())).append("</p>");
        }
        String base = htmlEscape(actions);
        body.append("<form method=\"post\" action=\"").append(base).append("/accept\">");
        if (offer.needsPassword()) {
            int min = PasswordRule.MIN_LENGTH;
            body.append(paragraph("Choose a password for your account: you sign in with your email address and this "
                    + "password."))
                    .append("<label>Password (at least ").append(min).append(" characters)")
                    .append("<input type=\"password\" name=\"password\" minlength=\"").append(min)
                    .append("\" required autocomplete=\"new-password\"></label>")
                    .append("<label>Password again")
                    .append("<input type=\"password\" name=\"passwordAgain\" minlength=\"").append(min)
                    .append("\" required autocomplete=\"new-password\"></label>");
        }
        body.append("<button type=\"submit\">Accept</button></form>");
        body.append("<form method=\"post\" action=\"").append(base)
                .append("/decline\"><button type=\"submit\">Decline</button></form>");
        return html(status, "Join " + offer.orgName(), body.toString());
    }

    private static String paragraph(String text) {
        return "<p>" + htmlEscape(text) + "</p>";
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        return HtmlPages.page(status, title, body);
    }
}
