package com.seatflow.rules;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/** {@link PoolAlertPolicy} answered by one stateless session over the current rules for all pools asked about. */
@Service
class DroolsPoolAlerts implements PoolAlertPolicy {

    private final RuleBook ruleBook;

    DroolsPoolAlerts(RuleBook ruleBook) {
        this.ruleBook = ruleBook;
    }

    @Override
    public List<PoolAlert> alertsFor(List<PoolUsage> usages) {
        if (usages.isEmpty()) {
            return List.of();
        }
        var decisions = new PoolAlertDecisions();
        List<Object> facts = new ArrayList<>(usages);
        facts.add(decisions);
        ruleBook.execute(facts);
        return decisions.alerts();
    }
}
