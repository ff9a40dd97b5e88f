package com.seatflow.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.World;
import com.seatflow.platform.FailureThrottle;

/**
 * Wrong passwords slow the guesser down, per client address and user, and never lock the user out: not on the API,
 * not in the Camunda webapps.
 */
@SeatflowIntegrationTest
class SignInThrottleIntegrationTests {

    private static final String PASSWORD = "right-pass-for-sign-in";

    @Autowired
    TestRestTemplate http;
    @Autowired
    Identities identities;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @AfterEach
    void forgetFailures() {
        throttle.forgetAll();
    }

    private String newUser() {
        String user = World.unique("signin");
        identities.createUser(user, "Sign", "In", user + "@example.org", PASSWORD);
        return user;
    }

    private ResponseEntity<JsonNode> api(String user, String password) {
        return http.withBasicAuth(user, password).getForEntity("/api/import-formats", JsonNode.class);
    }

    /** Signs in as the webapps' login page does: with the session and CSRF token cookies of a page it loaded. */
    private ResponseEntity<JsonNode> webapp(String user, String password, String app) {
        List<String> cookies = http.getForEntity("/camunda/app/welcome/default/", String.class).getHeaders()
                .getOrEmpty(HttpHeaders.SET_COOKIE);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (String cookie : cookies) {
            String nameAndValue = cookie.split(";", 2)[0];
            headers.add(HttpHeaders.COOKIE, nameAndValue);
            if (nameAndValue.startsWith("XSRF-TOKEN=")) {
                headers.add("X-XSRF-TOKEN", nameAndValue.substring("XSRF-TOKEN=".length()));
            }
        }
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        return http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app, new HttpEntity<>(form, headers),
                JsonNode.class);
    }

    @Test
    void fiveWrongPasswordsFromOneAddressShutItOutForThatUserWithoutTellingWhetherTheUserExists() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            assertThat(api(user, "wrong-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<JsonNode> refused = api(user, PASSWORD);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 15 * 60L);
        assertThat(refused.getBody().get("detail").asText()).contains("Too many failed sign-ins");
        for (int i = 0; i < 5; i++) {
            api("nobody-" + user, "wrong-" + i);
        }
        assertThat(api("nobody-" + user, "wrong").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    /**
     * Behind a load balancer the tries land on several nodes: failures another node counted (a throttle of its own
     * over the same database) shut this node's door too, and this node's success forgives them there.
     */
    @Test
    void failuresCountedByAnotherNodeRefuseTheAddressHereToo() {
        String user = newUser();
        String client = "127.0.0.1 " + user.toLowerCase(java.util.Locale.ROOT);
        var otherNode = new FailureThrottle(jdbc, "sign-in", 5, java.time.Duration.ofMinutes(15), clock);
        for (int i = 0; i < 4; i++) {
            otherNode.recordFailure(client);
        }
        assertThat(api(user, "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(otherNode.refusedFor(client)).isPresent();
        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        throttle.forgetAll();
        otherNode.recordFailure(client);
        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(otherNode.standing(client).recentFailures()).isZero();
    }

    /** A percent-encoded path reaches the same endpoint, so it must reach the same count. */
    @Test
    void anEncodedPathCountsAsThePathItLeadsTo() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            http.withBasicAuth(user, "wrong-" + i).getForEntity(java.net.URI.create(http.getRootUri()
                    + "/%61pi/import-formats"), String.class);
        }

        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aUserWithManyFailedSignInsStillSignsInOnceTheAddressIsNoLongerRefused() {
        String user = newUser();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                api(user, "wrong-" + i);
            }
            assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            throttle.forgetAll(); // the window has passed, or the user signs in from another address
        }

        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(webapp(user, PASSWORD, "welcome").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSuccessfulSignInForgivesTheEarlierFailures() {
        String user = newUser();
        for (int i = 0; i < 4; i++) {
            api(user, "wrong-" + i);
        }
        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int i = 0; i < 4; i++) {
            api(user, "wrong-again-" + i);
        }

        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theWebappSignInFormIsThrottledTheSameWay() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            assertThat(webapp(user, "wrong-" + i, "tasklist").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<JsonNode> refused = webapp(user, PASSWORD, "tasklist");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // the sign-in page shows a refusal's "message" instead of its own "Wrong credentials"
        assertThat(refused.getBody().get("message").asText())
                .matches("Too many failed sign-ins for this user from this address; try again in 1[45] minutes");
        assertThat(api(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        throttle.forgetAll();
        assertThat(webapp(user, PASSWORD, "welcome").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** Padding could push the user name out of the part of the form the count reads; such a form is refused. */
    @Test
    void aSignInFormPaddedBeyondSixteenKilobytesIsRefusedUnread() {
        String user = newUser();
        var form = new LinkedMultiValueMap<String, String>();
        form.add("padding", "x".repeat(20_000));
        form.add("username", user);
        form.add("password", PASSWORD);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

        ResponseEntity<JsonNode> refused = http.postForEntity("/camunda/api/admin/auth/user/default/login/welcome",
                new HttpEntity<>(form, headers), JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(refused.getBody().get("detail").asText()).isEqualTo("A sign-in form has at most 16384 bytes");
    }

    @Test
    void supportOpensCockpitAndAdminAsTheReadmeSays() {
        ResponseEntity<JsonNode> signedIn = webapp("support", "support-demo-pass", "admin");

        assertThat(signedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(signedIn.getBody().get("authorizedApps").toString()).contains("\"admin\"", "\"cockpit\"",
                "\"tasklist\"");
    }
}
