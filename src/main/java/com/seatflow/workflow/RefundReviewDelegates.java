package com.seatflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.seatflow.group.RefundFacts;
import com.seatflow.group.RefundRequests;
import com.seatflow.rules.RefundVerdict;

/** The refund-review process's service tasks, as beans named in the BPMN's delegateExpression. */
@Configuration(proxyBeanMethods = false)
class RefundReviewDelegates {

    static final String POLICY = "refund-policy";

    /** Asks the refund-policy rules and puts the member's activity in view for the review task. */
    @Bean
    JavaDelegate applyRefundPolicyDelegate(RefundRequests refunds) {
        return execution -> {
            long id = refundRequestId(execution);
            RefundVerdict verdict = refunds.applyPolicy(id, execution.getProcessInstanceId());
            RefundFacts facts = refunds.facts(id);
            execution.setVariable("outcome", verdict.outcome().name());
            execution.setVariable("policyReason", verdict.reason());
            execution.setVariable("member", facts.member());
            execution.setVariable("module", facts.moduleCode() + " – " + facts.moduleName());
            execution.setVariable("group", facts.groupName() + " (" + facts.orgCode() + ")");
            execution.setVariable("started", facts.started());
            execution.setVariable("progress", (long) facts.progress());
            execution.setVariable("daysSinceEnrolment", facts.daysSinceEnrolment());
            execution.setVariable("reason", facts.reason());
            execution.setVariable("requestedBy", facts.requestedBy());
        };
    }

    /** Gives the seat back: at once when the rules allow it, or after support approved. */
    @Bean
    JavaDelegate returnSeatDelegate(RefundRequests refunds) {
        return execution -> {
            boolean reviewed = execution.getVariable("approved") != null;
            refunds.refund(refundRequestId(execution), reviewed ? ProcessActors.of(execution, "reviewer") : POLICY,
                    reviewed ? comment(execution, "approved by support") : (String) execution.getVariable("policyReason"));
        };
    }

    /** Keeps the seat used: the rules said so, or support refused. */
    @Bean
    JavaDelegate refuseRefundDelegate(RefundRequests refunds) {
        return execution -> {
            boolean reviewed = execution.getVariable("approved") != null;
            refunds.refuse(refundRequestId(execution), reviewed ? ProcessActors.of(execution, "reviewer") : POLICY,
                    reviewed ? comment(execution, "refused by support") : (String) execution.getVariable("policyReason"));
        };
    }

    private static long refundRequestId(DelegateExecution execution) {
        return ((Number) execution.getVariable("refundRequestId")).longValue();
    }

    private static String comment(DelegateExecution execution, String otherwise) {
        Object comment = execution.getVariable("reviewComment");
        return comment == null || comment.toString().isBlank() ? otherwise : comment.toString().strip();
    }
}
