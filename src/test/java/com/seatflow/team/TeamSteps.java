package com.seatflow.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.TestFixtures.Org;
import com.seatflow.notification.MailSettings;

/** What the team tests do over and over: invite through the API, read the mailed link, answer on the page. */
class TeamSteps {

    private static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

    record Mail(String to, String subject, String body, String token) {
    }

    private final TestRestTemplate http;
    private final JdbcClient jdbc;
    private final MailSettings mailSettings;

    TeamSteps(TestRestTemplate http, JdbcClient jdbc, MailSettings mailSettings) {
        this.http = http;
        this.jdbc = jdbc;
        this.mailSettings = mailSettings;
    }

    ResponseEntity<JsonNode> invite(Org org, String email, String firstName, String lastName) {
        return invite(org.org().code(), org.adminUser(), org.adminPassword(), email, firstName, lastName);
    }

    ResponseEntity<JsonNode> invite(String orgCode, String user, String password, String email, String firstName,
            String lastName) {
        return http.withBasicAuth(user, password).postForEntity("/api/orgs/" + orgCode + "/team/invitations",
                Map.of("email", email, "firstName", firstName, "lastName", lastName), JsonNode.class);
    }

    /** Invites and asserts it worked; returns the invitation id. */
    long invited(Org org, String email, String firstName, String lastName) {
        ResponseEntity<JsonNode> response = invite(org, email, firstName, lastName);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return response.getBody().get("invitationId").asLong();
    }

    JsonNode team(Org org) {
        ResponseEntity<JsonNode> response = http.withBasicAuth(org.adminUser(), org.adminPassword())
                .getForEntity("/api/orgs/" + org.org().code() + "/team", JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    /** The team list entry with this email, or null. */
    JsonNode entry(Org org, String email) {
        for (JsonNode member : team(org).get("members")) {
            if (email.equalsIgnoreCase(member.get("email").asText())) {
                return member;
            }
        }
        return null;
    }

    ResponseEntity<JsonNode> post(Org org, String path) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword())
                .postForEntity("/api/orgs/" + org.org().code() + path, null, JsonNode.class);
    }

    /** Waits until the invitation's {@code nth} mail (1-based) has been sent and reads it from the .eml outbox. */
    Mail mail(long invitationId, int nth) throws Exception {
        List<Long> sent = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT id FROM outbox_mail WHERE invitation_id = ? AND status = 'SENT' ORDER BY id")
                        .param(invitationId).query(Long.class).list(), ids -> ids.size() >= nth);
        try (InputStream in = Files.newInputStream(mailSettings.emlDir().resolve("mail-" + sent.get(nth - 1) + ".eml"))) {
            var message = new MimeMessage(Session.getInstance(new Properties()), in);
            String body = (String) message.getContent();
            Matcher link = LINK.matcher(body);
            assertThat(link.find()).as("a link in %s", body).isTrue();
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), body, link.group(1));
        }
    }

    ResponseEntity<String> page(String token) {
        return http.getForEntity("/invitations/" + token, String.class);
    }

    ResponseEntity<String> accept(String token, String password) {
        var form = new LinkedMultiValueMap<String, String>();
        if (password != null) {
            form.add("password", password);
            form.add("passwordAgain", password);
        }
        return postForm("/invitations/" + token + "/accept", form);
    }

    ResponseEntity<String> decline(String token) {
        return postForm("/invitations/" + token + "/decline", new LinkedMultiValueMap<>());
    }

    private ResponseEntity<String> postForm(String path, LinkedMultiValueMap<String, String> form) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    String status(long invitationId) {
        return jdbc.sql("SELECT status FROM invitation WHERE id = ?").param(invitationId).query(String.class).single();
    }
}
