package com.seatflow.workflow;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

import com.seatflow.team.AdminInvitationWorkflow;
import com.seatflow.team.NewAdminInvitation;

/** The admin-invitation process on Camunda; once the invitation is recorded, the business key is its id. */
@Component
class CamundaAdminInvitationWorkflow implements AdminInvitationWorkflow {

    static final String PROCESS = "admin-invitation";
    static final String ANSWERED = "AdminInvitationAnswered";
    static final String RESENT = "AdminInvitationResent";
    static final String REOPENED = "AdminInvitationReopened";

    private final RuntimeService runtime;

    CamundaAdminInvitationWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public Outcome start(NewAdminInvitation invitation) {
        VariableMap variables = runtime.createProcessInstanceByKey(PROCESS)
                .setVariables(Map.of("orgId", invitation.orgId(), "email", invitation.email(),
                        "firstName", invitation.firstName(), "lastName", invitation.lastName(),
                        "invitedBy", invitation.invitedBy(), "inviterName", invitation.inviterName()))
                .executeWithVariablesInReturn().getVariables();
        Number invitationId = (Number) variables.get("invitationId");
        return new Outcome(invitationId == null ? null : invitationId.longValue(), (String) variables.get("refusal"));
    }

    @Override
    public void resend(long invitationId) {
        String key = Long.toString(invitationId);
        boolean waiting = !runtime.createMessageCorrelation(RESENT).processInstanceBusinessKey(key)
                .correlateAllWithResult().isEmpty();
        if (!waiting) {
            runtime.createMessageCorrelation(REOPENED).processInstanceBusinessKey(key)
                    .setVariable("invitationId", invitationId).correlateStartMessage();
        }
    }

    @Override
    public void answered(long invitationId, String answer) {
        runtime.createMessageCorrelation(ANSWERED).processInstanceBusinessKey(Long.toString(invitationId))
                .setVariable("answer", answer).correlateAll();
    }
}
