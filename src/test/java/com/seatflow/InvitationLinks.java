package com.seatflow;

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

import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.notification.MailSettings;

/** Reads the links invitation mails carry (from the .eml outbox) and answers them on the invitation page. */
public class InvitationLinks {

    private static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");

    public record Mail(String to, String subject, String body, String token) {
    }

    protected final TestRestTemplate http;
    protected final JdbcClient jdbc;
    private final MailSettings mailSettings;

    public InvitationLinks(TestRestTemplate http, JdbcClient jdbc, MailSettings mailSettings) {
        this.http = http;
        this.jdbc = jdbc;
        this.mailSettings = mailSettings;
    }

    /** Waits until the invitation's {@code nth} mail (1-based) has been sent and reads it from the .eml outbox. */
    public Mail mail(long invitationId, int nth) throws Exception {
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

    public ResponseEntity<String> page(String token) {
        return http.getForEntity("/invitations/" + token, String.class);
    }

    public ResponseEntity<String> accept(String token, String password) {
        var form = new LinkedMultiValueMap<String, String>();
        if (password != null) {
            form.add("password", password);
            form.add("passwordAgain", password);
        }
        return postForm("/invitations/" + token + "/accept", form);
    }

    public ResponseEntity<String> decline(String token) {
        return postForm("/invitations/" + token + "/decline", new LinkedMultiValueMap<>());
    }

    /** Posts the form as a browser does: an answer redirects to the page, which is then shown. */
    private ResponseEntity<String> postForm(String path, LinkedMultiValueMap<String, String> form) {
        ResponseEntity<String> answer = post(path, form);
        if (answer.getStatusCode() != HttpStatus.SEE_OTHER) {
            return answer;
        }
        assertThat(answer.getHeaders().getLocation()).as("where %s redirects", path).isNotNull();
        return http.getForEntity(answer.getHeaders().getLocation().getPath(), String.class);
    }

    /** The answer to a form post itself, without following its redirect. */
    public ResponseEntity<String> post(String path, LinkedMultiValueMap<String, String> form) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.withRedirects(Redirects.DONT_FOLLOW).postForEntity(path, new HttpEntity<>(form, headers),
                String.class);
    }

    public String status(long invitationId) {
        return jdbc.sql("SELECT status FROM invitation WHERE id = ?").param(invitationId).query(String.class).single();
    }
}
