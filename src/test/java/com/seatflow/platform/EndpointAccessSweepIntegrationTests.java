package com.seatflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;

/**
 * Every endpoint of the REST API, read from Spring MVC's own mappings (so an endpoint added later is swept too), called
 * by someone who may not use it: nobody signed in, and someone holding every role there is in another organisation
 * (its admin, learning manager, programme learner admin and the admin of its group with the same code). Each call must
 * be refused before it reaches the endpoint.
 */
@SeatflowIntegrationTest
class EndpointAccessSweepIntegrationTests {

    /** Endpoints anyone may call: the import formats and their templates, and redeeming an enrolment key. */
    private static final List<String> PUBLIC = List.of("/api/import-formats", "/api/keys/");
    private static final List<String> SUPPORT_ONLY = List.of("/api/support/", "/api/jobs/");
    private static final String ORG_SCOPED = "/api/orgs/{org}";
    /** The signed-in caller's own data, and the catalogue and progress feed no organisation owns. */
    private static final Set<String> OF_NO_ORGANISATION = Set.of("/api/me", "/api/me/groups", "/api/products",
            "/api/programmes/{code}", "/api/progress-events");
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    TestRestTemplate http;
    @Autowired
    World world;
    @Autowired
    Identities identities;

    private record Endpoint(HttpMethod method, String pattern) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    void nobodySignedInIsAskedToSignInByEveryEndpointThatIsNotPublic() {
        Org org = world.org(5, 5);
        List<Endpoint> notPublic = apiEndpoints().stream()
                .filter(e -> PUBLIC.stream().noneMatch(e.pattern()::startsWith)).toList();

        List<String> answered = answersOtherThan(401, http, notPublic, org);

        assertThat(answered).as("endpoints that did not answer 401 to a caller who is not signed in").isEmpty();
    }

    @Test
    void someoneWithEveryRoleInAnotherOrganisationIsRefusedEveryEndpointOfThisOne() {
        Org target = world.org(5, 5);
        Org other = world.org(5, 5);
        identities.addToGroup(other.adminUser(),
                OrgRoles.programmeLearnerAdmins(other.org().code(), other.programmeCode()), "learner admins");
        var support = http.withBasicAuth("support", "support-demo-pass");
        assertThat(support.postForEntity("/api/support/orgs/" + other.org().code() + "/groups/"
                + other.group().code() + "/admins", Map.of("userId", other.adminUser()), String.class)
                .getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(target.group().code()).as("the same group code in both").isEqualTo(other.group().code());
        TestRestTemplate stranger = http.withBasicAuth(other.adminUser(), other.adminPassword());
        List<Endpoint> orgEndpoints = apiEndpoints().stream().filter(e -> e.pattern().startsWith(ORG_SCOPED)).toList();

        List<String> answered = answersOtherThan(403, stranger, orgEndpoints, target);

        assertThat(orgEndpoints).as("the organisation endpoints swept").hasSizeGreaterThan(40);
        assertThat(answered).as("organisation endpoints that did not refuse (403) an outsider").isEmpty();
    }

    @Test
    void anOrganisationAdminIsRefusedEverySupportEndpoint() {
        Org org = world.org(5, 5);
        TestRestTemplate admin = http.withBasicAuth(org.adminUser(), org.adminPassword());
        List<Endpoint> supportEndpoints = apiEndpoints().stream()
                .filter(e -> SUPPORT_ONLY.stream().anyMatch(e.pattern()::startsWith)).toList();

        List<String> answered = answersOtherThan(403, admin, supportEndpoints, org);

        assertThat(supportEndpoints).as("the support endpoints swept").hasSizeGreaterThan(10);
        assertThat(answered).as("support endpoints that did not refuse (403) an organisation admin").isEmpty();
    }

    /** An endpoint outside these groups must be added here knowingly, after checking who may call it. */
    @Test
    void everyApiEndpointIsOrganisationScopedSupportOnlyPublicOrKnownToBelongToNoOrganisation() {
        Set<String> unclassified = new TreeSet<>();
        for (Endpoint endpoint : apiEndpoints()) {
            String pattern = endpoint.pattern();
            if (!pattern.startsWith(ORG_SCOPED) && PUBLIC.stream().noneMatch(pattern::startsWith)
                    && SUPPORT_ONLY.stream().noneMatch(pattern::startsWith)) {
                unclassified.add(pattern);
            }
        }

        assertThat(unclassified).isEqualTo(OF_NO_ORGANISATION);
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
                            .forEach(method -> endpoints.add(new Endpoint(method.asHttpMethod(), pattern)));
                }
            }
        }
        assertThat(endpoints).as("API endpoints found").hasSizeGreaterThan(60);
        return endpoints;
    }

    /** Calls each endpoint and lists those whose answer was not {@code expected}, with what they answered. */
    private static List<String> answersOtherThan(int expected, TestRestTemplate client, List<Endpoint> endpoints,
            Org org) {
        List<String> answered = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int status = call(client, endpoint, org);
            if (status != expected) {
                answered.add(endpoint + " -> " + status);
            }
        }
        return answered;
    }

    /** Calls the endpoint on the organisation's own resources, with an empty JSON body where it takes one. */
    private static int call(TestRestTemplate client, Endpoint endpoint, Org org) {
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        var path = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(path, Matcher.quoteReplacement(valueOf(variables.group(1), org)));
        }
        variables.appendTail(path);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client.exchange(path.toString(), endpoint.method(), new HttpEntity<>("{}", headers), String.class)
                .getStatusCode().value();
    }

    private static String valueOf(String variable, Org org) {
        return switch (variable) {
            case "org" -> org.org().code();
            case "group" -> org.group().code();
            case "programme", "code", "programmeCode" -> org.programmeCode();
            case "run", "runCode" -> org.run1();
            default -> Long.toString(org.programmePool().id());
        };
    }
}
