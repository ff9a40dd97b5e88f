package com.seatflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real rules/chain-policy.drl (with every other DRL of the folder, which must build without errors). */
class ChainPolicyRulesTests {

    private static ChainPolicy policy;

    @BeforeAll
    static void buildTheRulesOfTheFolder() {
        policy = new DroolsDecisions(new RuleBook(Path.of("rules"), Clock.systemUTC()));
    }

    private static ChainLinkProposal proposal(String head, String member, String currentHead, boolean cycle,
            int members, boolean waiting) {
        return new ChainLinkProposal(head, member, currentHead, cycle, members, waiting);
    }

    @Test
    void aFreeOrganisationMayJoinAChainWithRoomLeft() {
        ChainVerdict verdict = policy.judge(proposal("head", "member", null, false, 99, false));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reason()).isNull();
    }

    @Test
    void anOrganisationCannotJoinItsOwnChainAndThatIsBadInput() {
        ChainVerdict verdict = policy.judge(proposal("acme", "acme", null, false, 0, false));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.badInput()).isTrue();
        assertThat(verdict.reason()).isEqualTo("organisation acme cannot join its own chain");
    }

    @Test
    void aMemberOfOneChainCannotJoinASecond() {
        ChainVerdict verdict = policy.judge(proposal("globex", "member", "acme", false, 3, false));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.badInput()).isFalse();
        assertThat(verdict.reason()).contains("member is already a member of the chain of acme")
                .contains("must leave that chain first");
    }

    @Test
    void aHeadBelowTheJoiningOrganisationWouldMakeACycle() {
        ChainVerdict verdict = policy.judge(proposal("child", "parent", null, true, 0, false));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("organisation child is itself, directly or through its own chain,"
                + " below parent; linking them would make a cycle");
    }

    @Test
    void aChainWithAHundredMembersTakesNoMore() {
        ChainVerdict full = policy.judge(proposal("head", "member", null, false, 100, false));

        assertThat(full.allowed()).isFalse();
        assertThat(full.reason()).isEqualTo("the chain of head already has 100 members, the most a chain may have");
    }

    @Test
    void aSecondRequestBetweenTheSameOrganisationsIsRefusedWhileOneWaits() {
        ChainVerdict verdict = policy.judge(proposal("head", "member", null, false, 1, true));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).isEqualTo("a chain request between head and member is already waiting for an answer");
    }

    @Test
    void whenSeveralRulesRefuseTheMostFundamentalReasonIsGiven() {
        ChainVerdict selfAndMore = policy.judge(proposal("acme", "acme", "globex", true, 100, true));
        ChainVerdict secondChainAndCycle = policy.judge(proposal("child", "parent", "globex", true, 100, true));

        assertThat(selfAndMore.reason()).contains("cannot join its own chain");
        assertThat(secondChainAndCycle.reason()).contains("already a member of the chain of globex");
    }
}
