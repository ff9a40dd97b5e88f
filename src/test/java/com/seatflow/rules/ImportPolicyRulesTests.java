package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The import-policy rules of the rules folder, with every DRL there compiled as the application does. */
class ImportPolicyRulesTests {

    static DroolsDecisions decisions;

    @BeforeAll
    static void compileTheRules() {
        decisions = new DroolsDecisions(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    @Test
    void aFileOfMoreThanAThousandNewLearnersIsApprovedByProviderSupport() {
        assertThat(decisions.supportReviewReason(new ImportReviewRequest("acme", "programme", "SFTP", 1_001)))
                .hasValue("it brings 1001 new learners, more than the 1,000 an organisation approves itself");
        assertThat(decisions.supportReviewReason(new ImportReviewRequest("acme", "group", "REST", 250_000)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("it brings 250000 new learners"));
    }

    @Test
    void aFileOfAThousandNewLearnersOrFewerIsApprovedByTheOrganisation() {
        assertThat(decisions.supportReviewReason(new ImportReviewRequest("acme", "programme", "REST", 1_000)))
                .isEmpty();
        assertThat(decisions.supportReviewReason(new ImportReviewRequest("acme", "group", "DROP_FOLDER", 0)))
                .isEmpty();
    }
}
