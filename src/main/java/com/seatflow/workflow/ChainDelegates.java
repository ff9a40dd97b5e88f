package com.seatflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.seatflow.chain.ChainManagement;

/** The chain-join process's service tasks, as beans named in the BPMN's delegateExpression. */
@Configuration(proxyBeanMethods = false)
class ChainDelegates {

    @Bean
    JavaDelegate acceptChainLinkDelegate(ChainManagement chains) {
        return execution -> chains.recordAcceptance(linkId(execution), ProcessActors.of(execution, "answeredBy"));
    }

    @Bean
    JavaDelegate declineChainLinkDelegate(ChainManagement chains) {
        return execution -> chains.recordDecline(linkId(execution), ProcessActors.of(execution, "answeredBy"));
    }

    @Bean
    JavaDelegate expireChainRequestDelegate(ChainManagement chains) {
        return execution -> chains.recordExpiry(linkId(execution));
    }

    private static long linkId(DelegateExecution execution) {
        return ((Number) execution.getVariable("linkId")).longValue();
    }
}
