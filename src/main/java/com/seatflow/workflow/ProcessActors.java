package com.seatflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who completed a user task: the API passes the user as a variable; in the Tasklist it is the signed-in user. */
final class ProcessActors {

    private ProcessActors() {
    }

    static String of(DelegateExecution execution, String variable) {
        Object actor = execution.getVariable(variable);
        if (actor != null) {
            return actor.toString();
        }
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? "tasklist" : current.getUserId();
    }
}
