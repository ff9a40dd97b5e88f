package com.seatflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;


import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.World;
import com.seatflow.WebappSession;
import com.seatflow.organisation.Identities;

/**
 * A password set in the Camunda webapps (the Welcome app's "Change password") follows the same rule as every other
 * Seatflow password, through the same REST calls the page makes.
 */
@SeatflowIntegrationTest
class WebappPasswordChangeIntegrationTests {

    private static final String PASSWORD = "first-password-1";

    @Autowired
    TestRestTemplate http;
    @Autowired
    Identities identities;
    @Autowired
    IdentityService identity;

    @Test
    void aTooShortOrTooLongPasswordIsRefusedAndTheOldOneStillWorks() {
        String user = World.unique("pwd");
        identities.createUser(user, "Pat", "Word", user + "@example.org", PASSWORD);
        WebappSession session = WebappSession.signIn(http, user, PASSWORD);

        ResponseEntity<String> tooShort = session.changePassword(user, "abc", PASSWORD);
        ResponseEntity<String> tooLong = session.changePassword(user, "é".repeat(40), PASSWORD);

        // the page checks the rule before it saves; a caller that does not is refused by the engine
        assertThat(tooShort.getBody()).contains("Password does not match policy");
        assertThat(tooLong.getBody()).contains("Password does not match policy");
        assertThat(identity.checkPassword(user, "abc")).isFalse();
        assertThat(identity.checkPassword(user, PASSWORD)).isTrue();

        ResponseEntity<String> accepted = session.changePassword(user, "second-password-2", PASSWORD);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identity.checkPassword(user, "second-password-2")).isTrue();
    }

    @Test
    void thePasswordPageIsToldTheRuleSoItCanShowIt() {
        String user = World.unique("pwd");
        identities.createUser(user, "Pat", "Word", user + "@example.org", PASSWORD);
        WebappSession session = WebappSession.signIn(http, user, PASSWORD);

        ResponseEntity<JsonNode> policy = session.exchange(HttpMethod.GET,
                "/camunda/api/engine/engine/default/identity/password-policy", null, JsonNode.class);

        assertThat(policy.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(policy.getBody().get("rules").toString()).contains("PASSWORD_POLICY_LENGTH", "\"minLength\":\"10\"",
                "At most 72 bytes");
    }
}
