package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;

/** What the group tests do over and over: make group admins and modules, generate and redeem keys. */
public class GroupSteps {

    public static final String LEARNER_PASSWORD = "learner-password-1";

    private final TestRestTemplate http;
    private final JdbcClient jdbc;
    private final Identities identities;
    private final LicensingManagement licensing;

    public GroupSteps(TestRestTemplate http, JdbcClient jdbc, Identities identities, LicensingManagement licensing) {
        this.http = http;
        this.jdbc = jdbc;
        this.identities = identities;
        this.licensing = licensing;
    }

    /** A new user who administers this group (a group_admin row), and nothing else. Password: "password-" + id. */
    public String groupAdmin(LearnerGroup group) {
        String id = World.unique("ga");
        identities.createUser(id, "Greta", "Leader", id + "@example.org", "password-" + id);
        jdbc.sql("INSERT INTO group_admin (group_id, user_id, granted_by, granted_at) VALUES (?, ?, 'test', ?)")
                .params(group.id(), id, OffsetDateTime.now()).update();
        return id;
    }

    /** Another module for the group, with its own pool. */
    public SeatPool addModule(Org org, int seats, Instant validUntil) {
        var module = licensing.createProduct(World.unique("MOD-"), "Second module", "MODULE");
        return licensing.purchase(org.org().id(), org.group().id(), module.id(), null, seats, validUntil, "test",
                World.unique("ORDER-"));
    }

    public TestRestTemplate as(String user) {
        return http.withBasicAuth(user, "password-" + user);
    }

    public TestRestTemplate asAdmin(Org org) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    public static String groupPath(Org org) {
        return "/api/orgs/" + org.org().code() + "/groups/" + org.group().code();
    }

    public ResponseEntity<JsonNode> generate(TestRestTemplate as, Org org, Map<String, Object> request) {
        return as.postForEntity(groupPath(org) + "/keys", request, JsonNode.class);
    }

    /** Generates keys as the org's admin and returns their codes. */
    public List<String> keys(Org org, int count, int usesPerKey, Instant expiresAt) {
        Map<String, Object> request = new HashMap<>(Map.of("count", count, "usesPerKey", usesPerKey));
        if (expiresAt != null) {
            request.put("expiresAt", expiresAt.toString());
        }
        ResponseEntity<JsonNode> response = generate(asAdmin(org), org, request);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("keys").findValuesAsText("code");
    }

    public String key(Org org) {
        return keys(org, 1, 1, null).get(0);
    }

    public ResponseEntity<JsonNode> redeem(String code, String email) {
        return redeem(code, email, LEARNER_PASSWORD);
    }

    public ResponseEntity<JsonNode> redeem(String code, String email, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("email", email);
        body.put("firstName", "Lena");
        body.put("lastName", "Learner");
        body.put("password", password);
        return http.postForEntity("/api/keys/redeem", body, JsonNode.class);
    }

    /** Redeems a fresh single-use key of the org's group for a new learner and returns the learner's email. */
    public String member(Org org) {
        String email = World.unique("m") + "@example.org";
        ResponseEntity<JsonNode> response = redeem(key(org), email);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return email;
    }

    public ResponseEntity<JsonNode> remove(TestRestTemplate as, Org org, String email, Map<String, Object> body) {
        return as.exchange(groupPath(org) + "/members/" + email, HttpMethod.DELETE,
                body == null ? null : new HttpEntity<>(body), JsonNode.class);
    }

    public int consumed(SeatPool pool) {
        return licensing.pool(pool.id()).consumed();
    }

    /** Moves the member's enrolments on the group's seats back in time, as if they had enrolled days ago. */
    public void enrolledDaysAgo(Org org, String email, int days) {
        jdbc.sql("""
                UPDATE enrolment SET started_at = ?
                 WHERE user_id = (SELECT id FROM user_account WHERE email_norm = ?)
                   AND pool_id IN (SELECT id FROM seat_pool WHERE group_id = ?)""")
                .params(OffsetDateTime.now().minus(Duration.ofDays(days)), email.toLowerCase(), org.group().id())
                .update();
    }
}
