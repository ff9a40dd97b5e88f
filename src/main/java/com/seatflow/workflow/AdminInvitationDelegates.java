package com.seatflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.seatflow.team.NewAdminInvitation;
import com.seatflow.team.TeamManagement;

/** The admin-invitation process's service tasks, as beans named in the BPMN's delegateExpression. */
@Configuration(proxyBeanMethods = false)
class AdminInvitationDelegates {

    @Bean
    JavaDelegate checkTeamPolicyDelegate(TeamManagement team) {
        return execution -> execution.setVariable("refusal",
                team.refusalToInvite(((Number) execution.getVariable("orgId")).longValue()).orElse(null));
    }

    @Bean
    JavaDelegate recordAdminInvitationDelegate(TeamManagement team) {
        return execution -> {
            long invitationId = team.record(new NewAdminInvitation(((Number) execution.getVariable("orgId")).longValue(),
                    string(execution, "email"), string(execution, "firstName"), string(execution, "lastName"),
                    string(execution, "invitedBy"), string(execution, "inviterName")));
            execution.setVariable("invitationId", invitationId);
            execution.setProcessBusinessKey(Long.toString(invitationId));
        };
    }

    /** Sets {@code validFor}, the ISO-8601 duration the expiry timer of the wait for the answer runs. */
    @Bean
    JavaDelegate sendAdminInvitationDelegate(TeamManagement team) {
        return execution -> execution.setVariable("validFor", team.send(invitationId(execution)).toString());
    }

    @Bean
    JavaDelegate expireAdminInvitationDelegate(TeamManagement team) {
        return execution -> team.expire(invitationId(execution));
    }

    private static long invitationId(DelegateExecution execution) {
        return ((Number) execution.getVariable("invitationId")).longValue();
    }

    private static String string(DelegateExecution execution, String name) {
        return (String) execution.getVariable(name);
    }
}
