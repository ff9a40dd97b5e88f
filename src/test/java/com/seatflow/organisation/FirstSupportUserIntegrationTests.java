package com.seatflow.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.World;

/** An installation without demo data gets its first support user from settings, not from Camunda's setup page. */
@SeatflowIntegrationTest
class FirstSupportUserIntegrationTests {

    @Autowired
    Identities identities;
    @Autowired
    TestRestTemplate http;

    @Test
    void theConfiguredUserIsCreatedOnceAsSupportAndKeepsItsPassword() {
        String id = World.unique("ops");
        new FirstSupportUser(identities, id, "first-password-123", id + "@example.org").ensure();
        new FirstSupportUser(identities, id, "another-password-456", id + "@example.org").ensure();

        assertThat(identities.groupsOf(id)).contains(OrgRoles.SUPPORT, FirstSupportUser.CAMUNDA_ADMINS);
        assertThat(http.withBasicAuth(id, "first-password-123").getForEntity("/api/jobs/executions", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(identities.authenticate(id, "another-password-456")).isEmpty();
    }

    @Test
    void aShortPasswordStopsTheStartWithTheSettingToFix() {
        String id = World.unique("ops");

        assertThatThrownBy(() -> new FirstSupportUser(identities, id, "short", ""))
                .hasMessageContaining("seatflow.support-user.password must have at least 12 characters");
        assertThatThrownBy(() -> new FirstSupportUser(identities, id, "", "").ensure())
                .hasMessageContaining("seatflow.support-user.password must have at least 12 characters");
        assertThat(identities.userExists(id)).isFalse();
    }

    /** The password is needed only to create the user: later starts (and the command line) run without it. */
    @Test
    void anExistingUserNeedsNoPasswordInTheSettings() {
        String id = World.unique("ops");
        new FirstSupportUser(identities, id, "first-password-123", "").ensure();

        new FirstSupportUser(identities, id, "", "").ensure();

        assertThat(identities.authenticate(id, "first-password-123")).isPresent();
    }

    @Test
    void camundasFirstUserSetupIsClosed() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@n.example\"},"
                + "\"credentials\":{\"password\":\"intruder-pass-1\"}}";

        var response = http.postForEntity("/camunda/api/admin/setup/default/user/create",
                new HttpEntity<>(body, headers), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("Camunda's first-user setup is closed");
        assertThat(identities.userExists("intruder")).isFalse();
    }
}
