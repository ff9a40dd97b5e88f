package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.licensing.SeatPool;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerAccounts;

/** Enrolment keys end to end: generation, the ways to redeem them, every refusal, the race and the throttle. */
@SeatflowIntegrationTest
class EnrolmentKeyIntegrationTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Identities identities;
    @Autowired
    LicensingManagement licensing;
    @Autowired
    LearnerAccounts accounts;
    @Autowired
    KeyThrottle throttle;

    GroupSteps steps;

    @BeforeEach
    void setUp() {
        steps = new GroupSteps(http, jdbc, identities, licensing);
        throttle.forgetAll();
    }

    private static String email() {
        return World.unique("l") + "@example.org";
    }

    private int members(Org org) {
        return world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ?", org.group().id());
    }

    // ---- generating ----

    @Test
    void aGroupAdminGeneratesKeysWhoseCodesAreShownOnceAndStoredOnlyAsHashes() {
        Org org = world.org(1, 5);
        String leader = steps.groupAdmin(org.group());
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        ResponseEntity<JsonNode> generated = steps.generate(steps.as(leader), org,
                Map.of("count", 3, "usesPerKey", 2, "expiresAt", expiresAt.toString()));
        ResponseEntity<JsonNode> listed = steps.as(leader).getForEntity(GroupSteps.groupPath(org) + "/keys",
                JsonNode.class);

        assertThat(generated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        List<String> codes = generated.getBody().get("keys").findValuesAsText("code");
        assertThat(codes).hasSize(3).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}"));
        assertThat(generated.getBody().get("usesPerKey").asInt()).isEqualTo(2);
        assertThat(listed.getBody()).hasSize(3);
        assertThat(listed.getBody().get(0).has("code")).isFalse();
        assertThat(listed.getBody().get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.getBody().get(0).get("useLimit").asInt()).isEqualTo(2);
        assertThat(Instant.parse(listed.getBody().get(0).get("expiresAt").asText())).isEqualTo(expiresAt);
        List<String> stored = jdbc.sql("SELECT code_hash FROM enrolment_key WHERE group_id = ?")
                .param(org.group().id()).query(String.class).list();
        assertThat(stored).hasSize(3).allMatch(h -> h.matches("[0-9a-f]{64}"))
                .noneMatch(h -> codes.stream().anyMatch(c -> h.contains(c.replace("-", ""))));
    }

    @Test
    void keysCanBeDownloadedAsCsvWhenGenerated() throws Exception {
        Org org = world.org(1, 5);
        var headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> csv = steps.asAdmin(org).exchange(GroupSteps.groupPath(org) + "/keys", HttpMethod.POST,
                new HttpEntity<>(Map.of("count", 2), headers), String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv.getBody())).getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("uses_per_key")).isEqualTo("1");
        assertThat(rows.get(0).get("group")).isEqualTo(org.group().code());
        String code = rows.get(1).get("code");
        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void badGenerationRequestsAreRefusedWithTheReasonAndMakeNoKeys() {
        Org org = world.org(1, 5);

        var none = steps.generate(steps.asAdmin(org), org, Map.of("count", 0));
        var tooMany = steps.generate(steps.asAdmin(org), org, Map.of("count", 1001));
        var noUses = steps.generate(steps.asAdmin(org), org, Map.of("count", 1, "usesPerKey", 0));
        var past = steps.generate(steps.asAdmin(org), org, Map.of("count", 1, "expiresAt", "2020-01-01T00:00:00Z"));
        var notADate = steps.generate(steps.asAdmin(org), org, Map.of("count", 1, "expiresAt", "31/01/2027"));

        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(none.getBody().get("detail").asText()).contains("count must be between 1 and 1000");
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noUses.getBody().get("detail").asText()).contains("usesPerKey");
        assertThat(past.getBody().get("detail").asText()).contains("not in the future");
        assertThat(notADate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notADate.getBody().get("detail").asText()).startsWith("expiresAt '31/01/2027' is not a date");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment_key WHERE group_id = ?", org.group().id())).isZero();
    }

    /** As everywhere in the API, a date alone means through that day (UTC). */
    @Test
    void aKeyGivenADateExpiresAtTheEndOfThatDay() {
        Org org = world.org(1, 5);
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10).toString();

        var generated = steps.generate(steps.asAdmin(org), org, Map.of("count", 1, "expiresAt", day));

        assertThat(generated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(Instant.parse(generated.getBody().get("expiresAt").asText()))
                .isEqualTo(java.time.LocalDate.parse(day).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    // ---- redeeming ----

    @Test
    void redeemingCreatesTheAccountEnrolsOnEveryModuleAndPlacesTheLearnerInTheGroup() {
        Org org = world.org(1, 5);
        SeatPool second = steps.addModule(org, 3, null);
        String code = steps.key(org);
        String email = email();

        ResponseEntity<JsonNode> response = steps.redeem(code, email);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("accountCreated").asBoolean()).isTrue();
        assertThat(response.getBody().get("modules")).hasSize(2);
        var account = accounts.byEmail(email).orElseThrow();
        assertThat(account.hasPassword()).isTrue();
        assertThat(accounts.passwordMatches(account.id(), GroupSteps.LEARNER_PASSWORD)).isTrue();
        assertThat(jdbc.sql("SELECT password_hash FROM user_account WHERE id = ?").param(account.id())
                .query(String.class).single()).startsWith("$2a$").doesNotContain(GroupSteps.LEARNER_PASSWORD);
        assertThat(world.count("SELECT COUNT(*) FROM group_member WHERE group_id = ? AND user_id = ?",
                org.group().id(), account.id())).isEqualTo(1);
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE user_id = ? AND status = 'ACTIVE'"
                + " AND pool_id IN (?, ?)", account.id(), org.groupPool().id(), second.id())).isEqualTo(2);
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
        assertThat(steps.consumed(second)).isEqualTo(1);
        assertThat(licensing.ledger(second.id())).last().satisfies(entry -> {
            assertThat(entry.entryType()).isEqualTo("CONSUME");
            assertThat(entry.consumedDelta()).isEqualTo(1);
        });
        assertThat(licensing.drift()).isEmpty();
    }

    @Test
    void aKeyIsAcceptedInLowerCaseWithoutDashesAndWithSpaces() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        String typed = " " + code.replace("-", "").toLowerCase(Locale.ROOT).substring(0, 12) + " "
                + code.replace("-", "").toLowerCase(Locale.ROOT).substring(12) + " ";

        assertThat(steps.redeem(typed, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aLearnerWithAnAccountRedeemsWithTheirOwnPasswordOnly() {
        Org org = world.org(1, 5);
        String email = email();
        accounts.findOrCreate(email, "Ada", "Known", accounts.hashPassword("existing-password"));
        String code = steps.key(org);

        ResponseEntity<JsonNode> wrong = steps.redeem(code, email, "not-the-password");
        ResponseEntity<JsonNode> right = steps.redeem(code, email, "existing-password");

        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrong.getBody().get("detail").asText()).contains("already has an account");
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(right.getBody().get("accountCreated").asBoolean()).isFalse();
        assertThat(accounts.byEmail(email).orElseThrow().firstName()).isEqualTo("Ada");
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
    }

    @Test
    void aNewAccountNeedsAPasswordOfAtLeastTenCharactersAndNames() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        String email = email();

        ResponseEntity<JsonNode> shortPassword = steps.redeem(code, email, "short");
        ResponseEntity<JsonNode> onlySpaces = steps.redeem(code, email, " ".repeat(12));
        ResponseEntity<JsonNode> noNames = http.postForEntity("/api/keys/redeem",
                Map.of("code", code, "email", email, "password", GroupSteps.LEARNER_PASSWORD), JsonNode.class);
        ResponseEntity<JsonNode> badEmail = steps.redeem(code, "not-an-email");

        assertThat(shortPassword.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(shortPassword.getBody().get("detail").asText()).contains("at least 10 characters");
        assertThat(onlySpaces.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(onlySpaces.getBody().get("detail").asText()).isEqualTo("The password must not be only spaces");
        assertThat(noNames.getBody().get("detail").asText()).contains("firstName is required");
        assertThat(badEmail.getBody().get("detail").asText()).contains("not a valid email address");
        assertThat(accounts.byEmail(email)).isEmpty();
        assertThat(members(org)).isZero();
        assertThat(steps.consumed(org.groupPool())).isZero();
    }

    // ---- refusals: each names its reason and changes nothing ----

    @Test
    void anUnknownKeyIsRefused() {
        Org org = world.org(1, 5);
        steps.key(org);
        String email = email();

        ResponseEntity<JsonNode> response = steps.redeem("ABCDE-FGHJK-MNPQR-STUVW-XYZ23-45678", email);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().get("detail").asText()).startsWith("unknown key");
        assertThat(accounts.byEmail(email)).isEmpty();
    }

    @Test
    void aUsedUpKeyIsRefused() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = email();

        ResponseEntity<JsonNode> response = steps.redeem(code, second);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).isEqualTo("key used up: it has been used 1 of 1 time(s)");
        assertThat(accounts.byEmail(second)).isEmpty();
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
    }

    @Test
    void aKeyWithSeveralUsesEnrolsThatManyLearners() {
        Org org = world.org(1, 5);
        String code = steps.keys(org, 1, 2, null).get(0);

        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(members(org)).isEqualTo(2);
    }

    @Test
    void anExpiredKeyIsRefused() {
        Org org = world.org(1, 5);
        String code = steps.keys(org, 1, 1, Instant.now().plus(Duration.ofDays(1))).get(0);
        jdbc.sql("UPDATE enrolment_key SET expires_at = ? WHERE group_id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), org.group().id()).update();

        ResponseEntity<JsonNode> response = steps.redeem(code, email());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).startsWith("key expired on");
        assertThat(members(org)).isZero();
    }

    @Test
    void aLearnerAlreadyInTheGroupIsRefused() {
        Org org = world.org(1, 5);
        String email = steps.member(org);

        ResponseEntity<JsonNode> response = steps.redeem(steps.key(org), email);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).startsWith("already enrolled");
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
    }

    @Test
    void aKeyIsRefusedWhenAModuleHasNoFreeSeatAndNoOtherModuleIsTaken() {
        Org org = world.org(1, 1);
        SeatPool full = steps.addModule(org, 1, null);
        steps.member(org);
        String email = email();

        ResponseEntity<JsonNode> response = steps.redeem(steps.key(org), email);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).contains("no free seat left");
        assertThat(accounts.byEmail(email)).isEmpty();
        assertThat(steps.consumed(full)).isEqualTo(1);
        assertThat(world.count("SELECT uses FROM enrolment_key WHERE group_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                org.group().id())).isZero();
    }

    @Test
    void aKeyIsRefusedWhenTheGroupsPoolExpired() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        jdbc.sql("UPDATE seat_pool SET valid_until = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now().minusDays(1), org.groupPool().id()).update();

        ResponseEntity<JsonNode> response = steps.redeem(code, email());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).contains("expired");
        assertThat(members(org)).isZero();
    }

    // ---- the race and the throttle ----

    @Test
    void twoSimultaneousRedemptionsOfASingleUseKeyEnrolExactlyOneLearner() throws Exception {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        var bothReady = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String email = email();
                answers.add(pool.submit(() -> {
                    bothReady.await(10, TimeUnit.SECONDS);
                    return steps.redeem(code, email);
                }));
            }
            List<HttpStatus> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(HttpStatus.valueOf(answer.get(60, TimeUnit.SECONDS).getStatusCode().value()));
            }

            assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.count("SELECT uses FROM enrolment_key WHERE group_id = ?", org.group().id())).isEqualTo(1);
        assertThat(members(org)).isEqualTo(1);
        assertThat(steps.consumed(org.groupPool())).isEqualTo(1);
    }

    @Test
    void aClientThatSentFiveWrongCodesIsThrottledEvenForARightOne() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        for (int i = 0; i < 5; i++) {
            assertThat(steps.redeem("WRONG-" + i, email()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }

        ResponseEntity<JsonNode> throttled = steps.redeem(code, email());
        var page = http.postForEntity("/keys/redeem", form(code, email()), String.class);

        assertThat(throttled.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        long retryAfter = Long.parseLong(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 600L);
        assertThat(throttled.getBody().get("detail").asText()).contains("Too many wrong key codes");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        // the reason, and the form filled in as typed to send again after the wait
        assertThat(page.getBody()).contains("Too many wrong key codes").contains("action=\"/keys/redeem\"")
                .contains("value=\"" + code + "\"");
        assertThat(members(org)).isZero();
    }

    @Test
    void refusalsOfKnownKeysDoNotCountAsWrongGuesses() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int i = 0; i < 6; i++) {
            assertThat(steps.redeem(code, email()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        }

        assertThat(steps.redeem(steps.key(org), email()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    // ---- the page ----

    private static LinkedMultiValueMap<String, String> form(String code, String email) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("code", code);
        form.add("email", email);
        form.add("firstName", "Page");
        form.add("lastName", "Learner");
        form.add("password", GroupSteps.LEARNER_PASSWORD);
        form.add("passwordAgain", GroupSteps.LEARNER_PASSWORD);
        return form;
    }

    @Test
    void theRedemptionPageShowsAFormAndEnrolsTheLearner() {
        Org org = world.org(1, 5);
        String code = steps.key(org);
        String email = email();

        ResponseEntity<String> page = http.getForEntity("/keys?code=" + code, String.class);
        ResponseEntity<String> redeemed = http.postForEntity("/keys/redeem", form(code, email), String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("<form method=\"post\" action=\"/keys/redeem\">")
                .contains("value=\"" + code + "\"");
        assertThat(redeemed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(redeemed.getBody()).contains("Welcome to Team of " + org.org().code())
                .contains("Your account " + email + " was created")
                .contains("Sign in to the learning platform at https://learn.seatflow.test with your email address ("
                        + email + ")");
        assertThat(accounts.byEmail(email)).isPresent();
    }

    @Test
    void thePageShowsTheRefusalWithWhatWasTypedEscapedAndNeverThePassword() {
        Org org = world.org(1, 5);
        var form = form("<script>alert(1)</script>", "x\"onmouseover=\"alert(1)@example.org");
        form.set("firstName", "<b>Eve</b>");

        ResponseEntity<String> refused = http.postForEntity("/keys/redeem", form, String.class);
        var mismatch = form(steps.key(org), email());
        mismatch.set("passwordAgain", "something-else-entirely");
        ResponseEntity<String> notSame = http.postForEntity("/keys/redeem", mismatch, String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).doesNotContain("<script>alert(1)").doesNotContain("<b>Eve</b>")
                .contains("&lt;script&gt;").contains("&lt;b&gt;Eve&lt;/b&gt;").contains("&quot;onmouseover=&quot;")
                .doesNotContain(GroupSteps.LEARNER_PASSWORD);
        assertThat(notSame.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notSame.getBody()).contains("The two passwords are not the same");
        assertThat(members(org)).isZero();
    }
}
