package com.seatflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.seatflow.imports.ImportManagement;

/** The bulk-import process's service tasks, as beans named in the BPMN's delegateExpression. */
@Configuration(proxyBeanMethods = false)
class ImportDelegates {

    @Bean
    JavaDelegate startValidationDelegate(ImportManagement imports) {
        return execution -> imports.beginValidation(importId(execution));
    }

    @Bean
    JavaDelegate recordRejectionDelegate(ImportManagement imports) {
        return execution -> imports.recordRejection(importId(execution), reviewer(execution), comment(execution));
    }

    @Bean
    JavaDelegate requestCommitDelegate(ImportManagement imports) {
        return execution -> imports.requestCommit(importId(execution), reviewer(execution), comment(execution));
    }

    private static String comment(DelegateExecution execution) {
        return (String) execution.getVariable("reviewComment");
    }

    private static long importId(DelegateExecution execution) {
        return ((Number) execution.getVariable("importId")).longValue();
    }

    private static String reviewer(DelegateExecution execution) {
        return ProcessActors.of(execution, "reviewer");
    }
}
