package com.seatflow.workflow;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.seatflow.group.RefundReviewWorkflow;

/** The refund-review process on Camunda; the business key is the refund request id. */
@Component
class CamundaRefundReviewWorkflow implements RefundReviewWorkflow {

    static final String PROCESS = "refund-review";
    static final String REVIEW_TASK = "reviewRefund";

    private final RuntimeService runtime;

    CamundaRefundReviewWorkflow(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void start(long refundRequestId) {
        runtime.startProcessInstanceByKey(PROCESS, Long.toString(refundRequestId),
                Map.of("refundRequestId", refundRequestId));
    }
}
