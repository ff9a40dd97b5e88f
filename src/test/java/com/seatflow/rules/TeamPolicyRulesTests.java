package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The team-policy rules of the rules folder, with every DRL there compiled as the application does. */
class TeamPolicyRulesTests {

    static DroolsDecisions decisions;

    @BeforeAll
    static void compileTheRules() {
        decisions = new DroolsDecisions(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    @Test
    void anOrganisationWithoutLicencesMayNotAddAdministrators() {
        assertThat(decisions.refusalOf(new AdminInvitationRequest("bare", false))).hasValue(
                "the organisation's licences must be in place before administrators are added: buy seats first");
    }

    @Test
    void anOrganisationWithLicencesMayAddAdministrators() {
        assertThat(decisions.refusalOf(new AdminInvitationRequest("acme", true))).isEmpty();
    }

    @Test
    void administratorInvitationsAreValidForTenDays() {
        assertThat(decisions.validityOf("ADMIN", false)).hasDays(10);
    }
}
