package com.seatflow.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.TestFixtures.Org;

/** Calls the chain API as an organisation's admin. */
final class ChainApi {

    private final TestRestTemplate http;

    ChainApi(TestRestTemplate http) {
        this.http = http;
    }

    ResponseEntity<JsonNode> get(Org as, String path) {
        return http.withBasicAuth(as.adminUser(), as.adminPassword()).getForEntity(path, JsonNode.class);
    }

    ResponseEntity<JsonNode> post(Org as, String path, Object body) {
        return http.withBasicAuth(as.adminUser(), as.adminPassword()).postForEntity(path, body, JsonNode.class);
    }

    ResponseEntity<JsonNode> delete(Org as, String path) {
        return http.withBasicAuth(as.adminUser(), as.adminPassword()).exchange(path, HttpMethod.DELETE,
                HttpEntity.EMPTY, JsonNode.class);
    }

    /** {@code member} asks to join the chain of {@code head}; returns the new request's id. */
    long requestToJoin(Org member, Org head) {
        var response = post(member, "/api/orgs/" + code(member) + "/chain/requests", Map.of("head", code(head)));
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asLong();
    }

    /** {@code head} invites {@code member}; returns the new invitation's id. */
    long invite(Org head, Org member) {
        var response = post(head, "/api/orgs/" + code(head) + "/chain/invitations", Map.of("member", code(member)));
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asLong();
    }

    ResponseEntity<JsonNode> answer(Org as, long linkId, String answer) {
        return post(as, "/api/orgs/" + code(as) + "/chain/links/" + linkId + "/" + answer, null);
    }

    /** Links {@code member} into the chain of {@code head}: the member asks, the head's admin accepts. */
    long link(Org head, Org member) {
        long linkId = requestToJoin(member, head);
        var accepted = answer(head, linkId, "accept");
        assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(accepted.getBody().get("status").asText()).isEqualTo("ACTIVE");
        return linkId;
    }

    static String code(Org org) {
        return org.org().code();
    }

    static String detail(ResponseEntity<JsonNode> response) {
        return response.getBody() == null || response.getBody().get("detail") == null ? String.valueOf(response.getBody())
                : response.getBody().get("detail").asText();
    }
}
