package com.seatflow.workflow;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportWorkflow;

/** The bulk-import process on Camunda; the process instance's business key is the import id. */
@Component
class CamundaImportWorkflow implements ImportWorkflow {

    static final String PROCESS = "bulk-import";
    static final String REVIEW_TASK = "reviewImport";
    private static final String VALIDATED = "ImportValidated";
    private static final Logger log = LoggerFactory.getLogger(CamundaImportWorkflow.class);

    private final RuntimeService runtime;
    private final TaskService tasks;

    CamundaImportWorkflow(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Override
    public String start(long importId, String reviewGroups) {
        return runtime.startProcessInstanceByKey(PROCESS, Long.toString(importId),
                Map.of("importId", importId, "reviewGroups", reviewGroups)).getId();
    }

    @Override
    public void validationFinished(long importId, boolean valid, Map<String, Object> reviewFacts) {
        String businessKey = Long.toString(importId);
        if (runtime.createExecutionQuery().processInstanceBusinessKey(businessKey)
                .messageEventSubscriptionName(VALIDATED).count() == 0) {
            // correlating anyway would fail the caller (ENGINE-16004), e.g. the start-up of a node ending this import
            log.warn("The process of import {} does not wait for its validation (it was told already, or ended);"
                    + " nothing to tell it", importId);
            return;
        }
        Map<String, Object> variables = new HashMap<>(reviewFacts);
        variables.put("valid", valid);
        runtime.createMessageCorrelation(VALIDATED).processInstanceBusinessKey(businessKey).setVariables(variables)
                .correlate();
    }

    @Override
    public void decide(long importId, boolean approved, String reviewer, String comment) {
        String taskId = reviewTaskId(importId)
                .orElseThrow(() -> new IllegalStateException("Import " + importId + " has no open review task"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("approved", approved);
        variables.put("reviewer", reviewer);
        variables.put("reviewComment", comment);
        tasks.complete(taskId, variables);
    }

    @Override
    public void commitFinished(long importId) {
        runtime.createMessageCorrelation("ImportCommitted").processInstanceBusinessKey(Long.toString(importId))
                .correlate();
    }

    @Override
    public void cancel(long importId) {
        runtime.createMessageCorrelation("ImportCanceled").processInstanceBusinessKey(Long.toString(importId))
                .correlate();
    }

    @Override
    public Optional<String> reviewTaskId(long importId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(importId))
                .taskDefinitionKey(REVIEW_TASK).list().stream().map(Task::getId).findFirst();
    }
}
