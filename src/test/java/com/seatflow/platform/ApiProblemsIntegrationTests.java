package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;

/**
 * Errors that Spring itself answers (security, unknown paths and methods, values of the wrong type) are RFC 7807
 * problems with a detail in plain words, like the application's own errors.
 */
@SeatflowIntegrationTest
class ApiProblemsIntegrationTests {

    static final String SIGN_IN = "Sign in with HTTP Basic, with a Seatflow user name and password: none were "
            + "given, or they are wrong";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    World world;
    @Autowired
    ObjectMapper json;

    private TestRestTemplate as(Org org) {
        return rest.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    private TestRestTemplate support() {
        return rest.withBasicAuth("support", "support-demo-pass");
    }

    /** The problem's detail, after checking the response is a problem document with this status. */
    private String problem(ResponseEntity<String> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body;
        try {
            body = json.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
        assertThat(body.path("status").asInt()).isEqualTo(status.value());
        assertThat(body.has("timestamp")).as("Spring's default error body").isFalse();
        String detail = body.path("detail").asText();
        assertThat(detail).doesNotContain("java.", "Exception");
        return detail;
    }

    /**
     * Tomcat refuses some requests before Spring sees them (an encoded slash in the path, a URL beyond its limit); they
     * get a problem document as well, not Tomcat's HTML page.
     */
    @Test
    void aRequestTomcatRefusesBeforeSpringIsAProblemDocumentToo() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/api/orgs/acme%2Fother/imports", "/api/orgs/" + "a".repeat(20_000) + "/imports")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(MediaType.parseMediaType(refused.headers().firstValue("Content-Type").orElseThrow()))
                    .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            JsonNode body = json.readTree(refused.body());
            assertThat(body.path("status").asInt()).isEqualTo(400);
            assertThat(body.path("detail").asText()).startsWith("The request was refused before Seatflow read it: its"
                    + " address or headers are malformed");
        }
    }

    @Test
    void anonymousCallersAndWrongPasswordsGetAProblemThatDoesNotSayWhetherTheUserExists() {
        Org org = world.org(1, 1);
        String path = "/api/orgs/" + org.org().code() + "/imports";

        ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
        ResponseEntity<String> wrongPassword = rest.withBasicAuth(org.adminUser(), "not-the-password")
                .getForEntity(path, String.class);
        ResponseEntity<String> noSuchUser = rest.withBasicAuth("nobody-" + org.org().code(), "whatever")
                .getForEntity(path, String.class);

        for (ResponseEntity<String> refused : new ResponseEntity[] {anonymous, wrongPassword, noSuchUser}) {
            assertThat(problem(refused, HttpStatus.UNAUTHORIZED)).isEqualTo(SIGN_IN);
            assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        }
    }

    @Test
    void aCallerWithoutThePermissionGetsA403ProblemSayingWhoMay() {
        Org org = world.org(1, 1);

        assertThat(problem(as(org).getForEntity("/api/jobs/executions", String.class), HttpStatus.FORBIDDEN))
                .isEqualTo("Only Seatflow support may use this endpoint");
    }

    /** The group, programme and progress endpoints have filter chains of their own, with the same answers. */
    @Test
    void everyApiAreaAnswersRefusalsWithProblems() {
        Org org = world.org(1, 1);
        Org other = world.org(1, 1);
        String group = "/api/orgs/" + other.org().code() + "/groups/" + other.group().code() + "/keys";
        String programmes = "/api/orgs/" + other.org().code() + "/programmes/" + other.programmeCode() + "/invitations";

        for (String path : new String[] {group, programmes, "/api/progress-events"}) {
            assertThat(problem(rest.getForEntity(path, String.class), HttpStatus.UNAUTHORIZED)).isEqualTo(SIGN_IN);
        }
        assertThat(problem(as(org).getForEntity(group, String.class), HttpStatus.FORBIDDEN))
                .contains(other.org().code());
        assertThat(problem(as(org).getForEntity(programmes, String.class), HttpStatus.FORBIDDEN))
                .contains("programme learner admins of organisation " + other.org().code());
        assertThat(problem(as(org).postForEntity("/api/progress-events", Map.of(), String.class),
                HttpStatus.FORBIDDEN)).contains("Only the learning platform's account");
    }

    @Test
    void theCamundaWebappsKeepTheirOwnLogin() {
        ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/default/", String.class);

        assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasklist.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(tasklist.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
    }

    @Test
    void anUnknownPathOrMethodIsAProblem() {
        Org org = world.org(1, 1);

        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/no-such-thing", String.class, org.org().code()),
                HttpStatus.NOT_FOUND)).contains("/v3/api-docs");
        assertThat(problem(as(org).exchange("/api/orgs/{org}/imports", HttpMethod.DELETE, null, String.class,
                org.org().code()), HttpStatus.METHOD_NOT_ALLOWED)).contains("DELETE");
    }

    @Test
    void aPathOrQueryValueOfTheWrongTypeNamesTheParameterAndWhatItMustBe() {
        Org org = world.org(1, 1);
        String code = org.org().code();

        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/imports/abc", String.class, code),
                HttpStatus.BAD_REQUEST)).isEqualTo("imports/{id}: 'abc' is not a whole number");
        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/imports/1/errors?limit=abc", String.class, code),
                HttpStatus.BAD_REQUEST)).isEqualTo("limit: 'abc' is not a whole number");
        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/chain/members?all=maybe", String.class, code),
                HttpStatus.BAD_REQUEST)).isEqualTo("all: 'maybe' is not true or false");
    }

    @Test
    void aLimitBelowOneIs400NotAServerError() {
        Org org = world.org(1, 1);

        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/invitations?limit=-1", String.class,
                org.org().code()), HttpStatus.BAD_REQUEST)).isEqualTo("limit must be at least 1, was -1");
    }

    @Test
    void anUnknownInvitationStatusIs400ListingTheStatuses() {
        Org org = world.org(1, 1);

        assertThat(problem(as(org).getForEntity("/api/orgs/{org}/invitations?status=BOGUS", String.class,
                org.org().code()), HttpStatus.BAD_REQUEST)).isEqualTo("Unknown invitation status 'BOGUS'; use one of "
                        + "PENDING, ACCEPTED, DECLINED, EXPIRED, REVOKED, CANCELED");
        assertThat(as(org).getForEntity("/api/orgs/{org}/invitations?status=pending", String.class,
                org.org().code()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anUnknownJobNameIs400ListingTheJobs() {
        assertThat(problem(support().getForEntity("/api/jobs/executions?job=nope", String.class),
                HttpStatus.BAD_REQUEST)).startsWith("job must be one of ").contains("invitationExpiry",
                        "ledgerReconciliation").endsWith(", was 'nope'");
        assertThat(support().getForEntity("/api/jobs/executions?job=invitationExpiry", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theOpenApiDocumentHasATitleAndDescribesTheUploadAsItIs() {
        JsonNode doc = rest.getForObject("/v3/api-docs", JsonNode.class);

        assertThat(doc.path("info").path("title").asText()).isEqualTo("Seatflow API");
        assertThat(doc.path("info").path("version").asText()).isNotEqualTo("v0").isNotBlank();
        assertThat(doc.path("info").path("description").asText()).contains("problem");
        // what the endpoints answer, not springdoc's default 200
        assertThat(doc.at("/paths/~1api~1orgs~1{org}~1team~1invitations/post/responses").fieldNames())
                .toIterable().contains("201").doesNotContain("200");
        assertThat(doc.at("/paths/~1api~1orgs~1{org}~1mail-import-address/post/responses").fieldNames())
                .toIterable().contains("201").doesNotContain("200");
        JsonNode upload = doc.path("paths").path("/api/orgs/{org}/imports").path("post");
        assertThat(upload.path("responses").has("202")).isTrue();
        assertThat(upload.path("responses").path("200").path("description").asText()).contains("DUPLICATE");
        assertThat(upload.path("responses").has("415")).isTrue();
        assertThat(upload.path("parameters").findValuesAsText("name")).containsExactly("org");
        JsonNode form = upload.path("requestBody").path("content").path("multipart/form-data").path("schema");
        JsonNode parts = form.has("$ref") ? doc.path("components").path("schemas")
                .path(form.path("$ref").asText().substring("#/components/schemas/".length())) : form;
        assertThat(parts.path("properties").fieldNames()).toIterable().containsExactlyInAnyOrder("file", "format",
                "group");
        assertThat(parts.path("properties").path("file").path("format").asText()).isEqualTo("binary");
        assertThat(parts.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("file", "format");
        JsonNode details = doc.path("components").path("schemas").path("ImportDetails").path("properties");
        assertThat(details.has("importJob") && details.has("firstErrors")).isTrue();
        assertThat(doc.path("components").path("schemas").path("ImportJob").path("properties").has("storedPath"))
                .isFalse();
    }

    @Test
    void aBodyThatIsNotValidJsonIs400SayingWhere() {
        Org org = world.org(1, 1);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        String detail = problem(as(org).postForEntity("/api/orgs/{org}/imports/1/approve",
                new HttpEntity<>("{\"comment\": \"unfinished", headers), String.class, org.org().code()),
                HttpStatus.BAD_REQUEST);
        String wrongShape = problem(as(org).postForEntity("/api/orgs/{org}/imports/1/approve",
                new HttpEntity<>("{\"comment\": {\"text\": \"x\"}}", headers), String.class, org.org().code()),
                HttpStatus.BAD_REQUEST);

        assertThat(detail).startsWith("The request body is not valid JSON: ").contains("line 1").doesNotContain(
                "Source", "`");
        assertThat(wrongShape).isEqualTo("The request body is not the JSON expected: comment: it must be text");
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedNotCutDown() {
        Org org = world.org(1, 1);

        String detail = problem(as(org).postForEntity("/api/orgs/{org}/purchases", Map.of("productCode",
                org.programmeCode(), "seats", 2.5, "orderReference", "PO-FRACTION"), String.class, org.org().code()),
                HttpStatus.BAD_REQUEST);

        assertThat(detail).isEqualTo("The request body is not the JSON expected: seats: '2.5' is not a whole number");
        assertThat(world.count("SELECT COUNT(*) FROM seat_pool WHERE org_id = ?", org.org().id())).isEqualTo(2);
    }

    /** A misspelt field must not be taken for one left out: "groupcode" would buy seats for the organisation. */
    @Test
    void anUnknownFieldIsRefusedNamingItAndTheFieldsThereAre() {
        Org org = world.org(1, 1);

        String misspelt = problem(as(org).postForEntity("/api/orgs/{org}/purchases", Map.of("productCode",
                org.programmeCode(), "seats", 3, "orderReference", "PO-TYPO", "groupcode", "team"), String.class,
                org.org().code()), HttpStatus.BAD_REQUEST);
        String nested = problem(as(org).postForEntity("/api/orgs/{org}/purchases", Map.of("productCode",
                org.programmeCode(), "seats", 3, "orderReference", "PO-TYPO", "newGroup", Map.of("cod", "x")),
                String.class, org.org().code()), HttpStatus.BAD_REQUEST);

        assertThat(misspelt).startsWith("The request body is not the JSON expected: it has no field 'groupcode'; its "
                + "fields are [").contains("groupCode");
        assertThat(nested).startsWith("The request body is not the JSON expected: newGroup has no field 'cod'; its "
                + "fields are [").contains("code");
        assertThat(world.count("SELECT COUNT(*) FROM seat_pool WHERE org_id = ?", org.org().id())).isEqualTo(2);
    }

    @Test
    void aWholeNumberTooBigForItsFieldNamesTheFieldAndTheRange() {
        Org org = world.org(1, 1);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        String inBody = problem(as(org).postForEntity("/api/orgs/{org}/purchases", new HttpEntity<>(
                "{\"productCode\": \"" + org.programmeCode() + "\", \"seats\": 2147483648, \"orderReference\": "
                        + "\"PO-TOO-BIG\"}", headers), String.class, org.org().code()), HttpStatus.BAD_REQUEST);
        String inQuery = problem(as(org).getForEntity("/api/orgs/{org}/ledger?limit=2147483648", String.class,
                org.org().code()), HttpStatus.BAD_REQUEST);

        assertThat(inBody).isEqualTo("The request body is not the JSON expected: seats: '2147483648' is out of range: "
                + "it must be a whole number from -2147483648 to 2147483647");
        assertThat(inQuery).isEqualTo("limit: '2147483648' is out of range: it must be a whole number from "
                + "-2147483648 to 2147483647");
        assertThat(world.count("SELECT COUNT(*) FROM seat_pool WHERE org_id = ?", org.org().id())).isEqualTo(2);
    }

    @Test
    void aHugeRefusedValueIsQuotedShortenedWithItsLength() {
        String code = "a".repeat(1_000_000);

        String detail = problem(support().postForEntity("/api/support/orgs", Map.of("code", code, "name", "Huge"),
                String.class), HttpStatus.BAD_REQUEST);

        assertThat(detail).startsWith("code '" + "a".repeat(40) + "…' (1000000 characters) must be 1 to 40 lower-case")
                .hasSizeLessThan(300);
        assertThat(world.count("SELECT COUNT(*) FROM organisation WHERE code LIKE 'aaaa%'")).isZero();
    }
}
