package com.seatflow.workflow;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.seatflow.chain.ChainWorkflow;

/** The chain-join process on Camunda; the business key is {@code chain-link-<link id>}. */
@Component
class CamundaChainWorkflow implements ChainWorkflow {

    static final String PROCESS = "chain-join";
    static final String ANSWER_TASK = "answerChainRequest";

    private final RuntimeService runtime;
    private final TaskService tasks;

    CamundaChainWorkflow(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    static String businessKey(long linkId) {
        return "chain-link-" + linkId;
    }

    @Override
    public String start(long linkId, String answeringGroup, Duration validity, Map<String, Object> details) {
        Map<String, Object> variables = new HashMap<>(details);
        variables.put("linkId", linkId);
        variables.put("answeringGroup", answeringGroup);
        variables.put("expiresIn", isoDuration(validity));
        return runtime.startProcessInstanceByKey(PROCESS, businessKey(linkId), variables).getId();
    }

    @Override
    public void answer(long linkId, boolean accepted, String actor) {
        String taskId = answerTaskId(linkId).orElseThrow(
                () -> new IllegalStateException("Chain request " + linkId + " has no open answer task"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("accepted", accepted);
        variables.put("answeredBy", actor);
        tasks.complete(taskId, variables);
    }

    @Override
    public void withdraw(long linkId) {
        runtime.createMessageCorrelation("ChainRequestWithdrawn").processInstanceBusinessKey(businessKey(linkId))
                .correlate();
    }

    @Override
    public Optional<String> answerTaskId(long linkId) {
        return tasks.createTaskQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(businessKey(linkId))
                .taskDefinitionKey(ANSWER_TASK).list().stream().map(Task::getId).findFirst();
    }

    /** "P30D" rather than Duration's "PT720H" when the period is whole days: easier to read in the Cockpit. */
    static String isoDuration(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
