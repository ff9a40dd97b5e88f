package com.seatflow.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;


import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.InvitationLinks;
import com.seatflow.TestFixtures.Org;
import com.seatflow.notification.MailSettings;

/** What the team tests do over and over: invite through the API, read the mailed link, answer on the page. */
class TeamSteps extends InvitationLinks {

    TeamSteps(TestRestTemplate http, JdbcClient jdbc, MailSettings mailSettings) {
        super(http, jdbc, mailSettings);
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

}
