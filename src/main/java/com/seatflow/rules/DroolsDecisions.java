package com.seatflow.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The decision interfaces, answered by a stateless session over the current rules. */
@Service
class DroolsDecisions implements SeatEligibility, InvitationPolicy, TeamPolicy {

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
}
