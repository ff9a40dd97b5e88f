package com.seatflow.licensing;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.TestFixtures.Org;

/** Calls the REST API as one user, with JSON bodies (a Map, a record or a raw JSON string). */
record Api(TestRestTemplate http, String user, String password) {

    static final String SUPPORT = "support";
    static final String SUPPORT_PASSWORD = "support-demo-pass";

    static Api as(TestRestTemplate http, Org org) {
        return new Api(http, org.adminUser(), org.adminPassword());
    }

    static Api support(TestRestTemplate http) {
        return new Api(http, SUPPORT, SUPPORT_PASSWORD);
    }

    ResponseEntity<JsonNode> post(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client().exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    ResponseEntity<JsonNode> get(String path) {
        return client().exchange(path, HttpMethod.GET, null, JsonNode.class);
    }

    ResponseEntity<String> getText(String path) {
        return client().exchange(path, HttpMethod.GET, null, String.class);
    }

    private TestRestTemplate client() {
        return user == null ? http : http.withBasicAuth(user, password);
    }
}
