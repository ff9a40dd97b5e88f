package com.seatflow.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.seatflow.InvitationLinks;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.licensing.LicensingManagement;
import com.seatflow.notification.MailSettings;

/** The shareable link an inviter gets for each invitation they create one by one. */
@SeatflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ProgrammeShareLinkTests {

    @Autowired
    World world;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    LicensingManagement licensing;

    private TestRestTemplate asAdmin(Org org) {
        return http.withBasicAuth(org.adminUser(), org.adminPassword());
    }

    private String base(Org org) {
        return "/api/orgs/" + org.org().code() + "/programmes/" + org.programmeCode() + "/invitations";
    }

    private JsonNode invite(Org org, String learnerId, String email, List<String> runs) {
        var response = asAdmin(org).postForEntity(base(org), Map.of("externalLearnerId", learnerId, "email", email,
                "runCodes", runs), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    private static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theInviterGetsALinkToShareThatEnrolsTheLearnerWithTheirLearnerIdLikeTheMailedLink(CapturedOutput output)
            throws Exception {
        Org org = world.org(10, 1);
        String email = World.unique("share") + "@example.org";

        JsonNode created = invite(org, "SH-1", email, List.of(org.run1(), org.run2()));

        assertThat(created).hasSize(2);
        created.forEach(invitation -> {
            assertThat(invitation.get("status").asText()).isEqualTo("PENDING");
            assertThat(invitation.get("shareLinkActive").asBoolean()).isTrue();
            assertThat(invitation.get("shareLink").asText()).matches("https?://.+/invitations/[A-Za-z0-9_-]{43}");
        });
        String link = created.get(0).get("shareLink").asText();
        String token = tokenOf(link);
        assertThat(tokenOf(created.get(1).get("shareLink").asText())).isNotEqualTo(token);
        var links = new InvitationLinks(http, jdbc, mailSettings);
        long invitationId = created.get(0).get("id").asLong();
        String mailedToken = links.mail(invitationId, 1).token();

        var page = links.page(token);
        var accepted = links.accept(token, "learner-password-1");

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("join Programme of").contains("(run RUN-1)").contains(email);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(links.status(invitationId)).isEqualTo("ACCEPTED");
        assertThat(world.count("""
                SELECT COUNT(*) FROM learner_identity li JOIN user_account u ON u.id = li.user_id
                 WHERE li.org_id = ? AND li.external_learner_id = 'SH-1' AND u.email_norm = ?""", org.org().id(), email))
                .isEqualTo(1);
        var enrolled = asAdmin(org).getForEntity("/api/orgs/" + org.org().code() + "/programmes/"
                + org.programmeCode() + "/runs/" + org.run1() + "/enrolments", String.class).getBody();
        assertThat(enrolled).contains(email).contains("SH-1").contains("ACTIVE");
        assertThat(links.accept(mailedToken, "learner-password-1").getBody())
                .as("the mailed link of the invitation accepted through its shareable link").contains("Invitation accepted");
        assertThat(world.pool(org.programmePool().id()).consumed()).isEqualTo(1);
        assertThat(licensing.drift()).isEmpty();
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void onlyTheTokensHashIsStoredAndTheLinkIsShownOnlyWhenIssued() throws Exception {
        Org org = world.org(10, 1);
        JsonNode created = invite(org, "SH-2", World.unique("hash") + "@example.org", List.of(org.run1()));
        String token = tokenOf(created.get(0).get("shareLink").asText());
        long id = created.get(0).get("id").asLong();

        var stored = jdbc.sql("SELECT * FROM invitation WHERE id = ?").param(id).query().singleRow();
        var mails = jdbc.sql("SELECT COALESCE(body, '') FROM outbox_mail WHERE invitation_id = ?").param(id)
                .query(String.class).list();
        var shown = asAdmin(org).getForEntity(base(org) + "/" + id, JsonNode.class).getBody();
        var listed = asAdmin(org).getForEntity("/api/orgs/" + org.org().code() + "/programmes/" + org.programmeCode()
                + "/runs/" + org.run1() + "/invitations", String.class).getBody();

        assertThat(stored.get("share_token_hash")).isEqualTo(sha256(token));
        assertThat(stored.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(token));
        assertThat(mails).allSatisfy(body -> assertThat(body).doesNotContain(token));
        assertThat(shown.get("id").asLong()).isEqualTo(id);
        assertThat(shown.get("shareLinkActive").asBoolean()).isTrue();
        assertThat(shown.get("shareLink").isNull()).isTrue();
        assertThat(listed).doesNotContain(token);
    }

    @Test
    void aNewShareLinkReplacesTheOldOne() {
        Org org = world.org(10, 1);
        JsonNode created = invite(org, "SH-3", World.unique("renew") + "@example.org", List.of(org.run1()));
        String oldToken = tokenOf(created.get(0).get("shareLink").asText());
        long id = created.get(0).get("id").asLong();
        var links = new InvitationLinks(http, jdbc, mailSettings);

        var renewed = asAdmin(org).postForEntity(base(org) + "/" + id + "/share-link", null, JsonNode.class);

        assertThat(renewed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String newToken = tokenOf(renewed.getBody().get("shareLink").asText());
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(links.page(oldToken).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(links.accept(oldToken, "learner-password-1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(links.status(id)).isEqualTo("PENDING");
        assertThat(links.page(newToken).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void afterCancelBothLinksShowTheClosedPageAndNoNewLinkIsIssued() throws Exception {
        Org org = world.org(10, 1);
        JsonNode created = invite(org, "SH-4", World.unique("cancel") + "@example.org", List.of(org.run1()));
        String shareToken = tokenOf(created.get(0).get("shareLink").asText());
        long id = created.get(0).get("id").asLong();
        var links = new InvitationLinks(http, jdbc, mailSettings);
        String mailedToken = links.mail(id, 1).token();

        asAdmin(org).postForEntity(base(org) + "/" + id + "/cancel", null, String.class);

        for (String token : List.of(shareToken, mailedToken)) {
            var page = links.page(token);
            var accept = links.accept(token, "learner-password-1");
            assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
            assertThat(page.getBody()).contains("canceled");
            assertThat(accept.getStatusCode()).isEqualTo(HttpStatus.GONE);
        }
        var renew = asAdmin(org).postForEntity(base(org) + "/" + id + "/share-link", null, String.class);
        assertThat(renew.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(renew.getBody()).contains("only a pending invitation");
        assertThat(asAdmin(org).getForEntity(base(org) + "/" + id, JsonNode.class).getBody().get("shareLinkActive")
                .asBoolean()).isFalse();
        assertThat(links.status(id)).isEqualTo("CANCELED");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ?", org.programmePool().id())).isZero();
    }

    @Test
    void anExpiredInvitationsShareLinkShowsTheClosedPage() {
        Org org = world.org(10, 1);
        JsonNode created = invite(org, "SH-5", World.unique("late") + "@example.org", List.of(org.run1()));
        String token = tokenOf(created.get(0).get("shareLink").asText());
        jdbc.sql("UPDATE invitation SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now().minusMinutes(1), created.get(0).get("id").asLong()).update();
        var links = new InvitationLinks(http, jdbc, mailSettings);

        var accept = links.accept(token, "learner-password-1");

        assertThat(accept.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(accept.getBody()).contains("expired");
        assertThat(world.count("SELECT COUNT(*) FROM enrolment WHERE pool_id = ?", org.programmePool().id())).isZero();
    }

    @Test
    void onlyItsInvitersSeeAnInvitationOrRenewItsLink() {
        Org org = world.org(10, 1);
        Org other = world.org(10, 1);
        long id = invite(org, "SH-6", World.unique("who") + "@example.org", List.of(org.run1())).get(0).get("id")
                .asLong();

        var stranger = http.withBasicAuth(other.adminUser(), other.adminPassword())
                .postForEntity(base(org) + "/" + id + "/share-link", null, String.class);
        var wrongProgramme = asAdmin(other).getForEntity("/api/orgs/" + other.org().code() + "/programmes/"
                + other.programmeCode() + "/invitations/" + id, String.class);

        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(wrongProgramme.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theOpenApiDocumentDescribesTheInvitationAndShareLinkEndpoints() {
        JsonNode docs = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();

        JsonNode paths = docs.get("paths");
        assertThat(paths.get("/api/orgs/{org}/programmes/{code}/invitations").has("post")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/programmes/{code}/invitations/{id}").has("get")).isTrue();
        assertThat(paths.get("/api/orgs/{org}/programmes/{code}/invitations/{id}/share-link").has("post")).isTrue();
        assertThat(docs.get("components").toString()).contains("shareLink").contains("shareLinkActive");
    }
}
