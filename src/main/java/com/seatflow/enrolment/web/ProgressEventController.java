package com.seatflow.enrolment.web;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.enrolment.EnrolmentManagement;
import com.seatflow.enrolment.ProgressEvent;
import com.seatflow.enrolment.ProgressEventRecorded;

@RestController
class ProgressEventController {

    private final EnrolmentManagement enrolments;

    ProgressEventController(EnrolmentManagement enrolments) {
        this.enrolments = enrolments;
    }

    /** The learning platform reports progress; an event id sent again is answered with duplicate=true. */
    @PostMapping("/api/progress-events")
    ProgressEventRecorded report(@RequestBody ProgressEvent event, Authentication caller) {
        return enrolments.record(event, caller.getName());
    }

    /** Two deliveries of the same new event at the same instant: the second loses on the primary key. */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail concurrentDuplicate(DuplicateKeyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This event id is being recorded by another request at this moment; send it again to see the result");
    }
}
