package com.seatflow.workflow;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.organisation.OrgRoles;

@SeatflowIntegrationTest
class OneIdentityIntegrationTests {

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private ImportJob awaitingReview(Org org) {
        String csv = "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "X1," + World.unique("x") + "@example.org," + org.programmeCode() + "," + org.run1()
                + "," + BULK_EXPIRY + "\n";
        return ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.AWAITING_REVIEW);
    }

    @Test
    void theTasklistPasswordIsTheApiPasswordAndIsStoredOnlyAsABcryptHash() {
        Org org = world.org(5, 5);

        assertThat(identity.checkPassword(org.adminUser(), org.adminPassword())).isTrue();
        var response = http.withBasicAuth(org.adminUser(), org.adminPassword())
                .getForEntity("/api/orgs/" + org.org().code() + "/imports", String.class);
        var wrongPassword = http.withBasicAuth(org.adminUser(), "not-" + org.adminPassword())
                .getForEntity("/api/orgs/" + org.org().code() + "/imports", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String stored = jdbc.sql("SELECT pwd_ FROM act_id_user WHERE id_ = ?").param(org.adminUser())
                .query(String.class).single();
        assertThat(stored).startsWith("{BCRYPT}$2a$").doesNotContain(org.adminPassword());
    }

    @Test
    void anOrganisationsReviewTaskIsInvisibleAndUntouchableForAnotherOrganisationsAdmin() {
        Org acme = world.org(5, 5);
        Org other = world.org(5, 5);
        ImportJob job = awaitingReview(acme);
        String businessKey = Long.toString(job.id());

        identity.setAuthentication(other.adminUser(), List.of(OrgRoles.adminGroup(other.org().code())));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        identity.clearAuthentication();
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
        identity.setAuthentication(other.adminUser(), List.of(OrgRoles.adminGroup(other.org().code())));
        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("approved", true)))
                .isInstanceOf(AuthorizationException.class);

        identity.setAuthentication(acme.adminUser(), List.of(OrgRoles.adminGroup(acme.org().code())));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey).count()).isEqualTo(1);
        identity.clearAuthentication();
        assertThat(imports.find(acme.org().code(), job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
    }

    @Test
    void anotherOrganisationsAdminIsRefusedByTheApiAndChangesNothing() {
        Org acme = world.org(5, 5);
        Org other = world.org(5, 5);
        ImportJob job = awaitingReview(acme);
        String base = "/api/orgs/" + acme.org().code() + "/imports/" + job.id();

        var read = http.withBasicAuth(other.adminUser(), other.adminPassword()).getForEntity(base, String.class);
        var approve = http.withBasicAuth(other.adminUser(), other.adminPassword())
                .postForEntity(base + "/approve", null, String.class);
        var anonymous = http.getForEntity(base, String.class);
        var support = http.withBasicAuth("support", "support-demo-pass").getForEntity(base, String.class);

        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(approve.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(support.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(imports.find(acme.org().code(), job.id()).status()).isEqualTo(ImportStatus.AWAITING_REVIEW);
    }
}
