package com.seatflow.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The decision interfaces, answered by a stateless session over the current rules. */
@Service
class DroolsDecisions implements SeatEligibility, InvitationPolicy, TeamPolicy, ChainPolicy, RefundPolicy, ImportPolicy {

    private final RuleBook ruleBook;

    DroolsDecisions(RuleBook ruleBook) {
        this.ruleBook = ruleBook;
    }

    @Override
    public List<PoolVerdict> decide(List<PoolDemand> demands) {
        var decisions = new SeatDecisions();
        List<Object> facts = new ArrayList<>(demands);
        facts.add(decisions);
        ruleBook.execute(facts);
        return demands.stream().map(decisions::verdictFor).toList();
    }

    @Override
    public Duration validityOf(String kind, boolean bulk) {
        var question = new ExpiryQuestion(kind, bulk);
        ruleBook.execute(List.of(question));
        if (question.getValidFor() == null) {
            throw new IllegalStateException("The invitation-policy rules give no validity for " + kind
                    + (bulk ? " bulk" : "") + " invitations");
        }
        return question.getValidFor();
    }

    @Override
    public Optional<String> refusalOf(AdminInvitationRequest request) {
        var decisions = new TeamDecisions();
        ruleBook.execute(List.of(request, decisions));
        return Optional.ofNullable(decisions.refusal());
    }

    @Override
    public Optional<String> supportReviewReason(ImportReviewRequest request) {
        var decision = new ImportReviewDecision();
        ruleBook.execute(List.of(request, decision));
        return Optional.ofNullable(decision.supportReason());
    }

    @Override
    public ChainVerdict judge(ChainLinkProposal proposal) {
        var decision = new ChainLinkDecision();
        ruleBook.execute(List.of(proposal, decision));
        return decision.verdict();
    }

    @Override
    public Optional<KeyRefusal> decide(KeyRedemption redemption, List<PoolDemand> demands) {
        var keyDecisions = new RedemptionDecisions();
        var seatDecisions = new SeatDecisions();
        List<Object> facts = new ArrayList<>(demands);
        facts.add(redemption);
        facts.add(keyDecisions);
        facts.add(seatDecisions);
        ruleBook.execute(facts);
        if (keyDecisions.refusal() != null) {
            return Optional.of(keyDecisions.refusal());
        }
        return demands.stream().filter(d -> seatDecisions.verdictFor(d).refused()).findFirst()
                .map(d -> new KeyRefusal(d.isExpired() ? KeyRefusal.Kind.POOL_EXPIRED : KeyRefusal.Kind.NO_FREE_SEAT,
                        seatDecisions.verdictFor(d).reason()));
    }

    @Override
    public RefundVerdict decide(RefundCase refundCase) {
        var decisions = new RefundDecisions();
        ruleBook.execute(List.of(refundCase, decisions));
        return decisions.verdict() != null ? decisions.verdict()
                : new RefundVerdict(RefundVerdict.Outcome.REVIEW, "no refund rule applies, so support decides");
    }
}
