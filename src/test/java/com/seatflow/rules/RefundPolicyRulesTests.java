package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seatflow.rules.RefundVerdict.Outcome;

/** The refund-policy rules of the rules folder, with every DRL there compiled as the application does. */
class RefundPolicyRulesTests {

    static RefundPolicy policy;

    @BeforeAll
    static void compileTheRules() {
        policy = new DroolsDecisions(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    @Test
    void aMemberWhoStartedGetsNoRefundEvenWhenAddedByMistakeOnTheSameDay() {
        RefundVerdict verdict = policy.decide(new RefundCase(true, 0, 0, "added by mistake"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_REFUND);
        assertThat(verdict.reason()).contains("started the module");
    }

    @Test
    void aMemberWhoMadeProgressGetsNoRefund() {
        RefundVerdict verdict = policy.decide(new RefundCase(false, 30, 2, "added by mistake"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_REFUND);
        assertThat(verdict.reason()).contains("progress (30%)");
    }

    @Test
    void aMemberWhoNeverStartedIsRefundedAtOnceUpToFourteenDaysAfterTheEnrolment() {
        assertThat(policy.decide(new RefundCase(false, 0, 0, "left the company")).outcome()).isEqualTo(Outcome.REFUND);
        assertThat(policy.decide(new RefundCase(false, 0, 14, "")).outcome()).isEqualTo(Outcome.REFUND);
    }

    @Test
    void aMemberAddedByMistakeWhoNeverStartedGoesToSupportAfterFourteenDays() {
        RefundVerdict verdict = policy.decide(new RefundCase(false, 0, 15, "Added by MISTAKE, wrong Jane"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(verdict.reason()).contains("15 days");
        assertThat(policy.decide(new RefundCase(false, 0, 200, "mistakenly enrolled")).outcome())
                .isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aMemberNotAddedByMistakeGetsNoRefundAfterFourteenDays() {
        RefundVerdict verdict = policy.decide(new RefundCase(false, 0, 15, "changed department"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_REFUND);
        assertThat(verdict.reason()).contains("only members added by mistake");
    }
}
