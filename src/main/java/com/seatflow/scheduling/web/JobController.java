package com.seatflow.scheduling.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.scheduling.JobExecutionDetails;
import com.seatflow.scheduling.JobExecutionSummary;
import com.seatflow.scheduling.JobExecutions;
import com.seatflow.scheduling.JobSchedules;

/** Operators read job executions and the schedules (under /api/jobs: support only, see the security config). */
@RestController
class JobController {

    private final JobExecutions executions;
    private final JobSchedules schedules;

    JobController(JobExecutions executions, JobSchedules schedules) {
        this.executions = executions;
        this.schedules = schedules;
    }

    @GetMapping("/api/jobs/executions")
    List<JobExecutionSummary> executions(@RequestParam(required = false) String job,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "20") int limit) {
        return executions.list(job, status, limit);
    }

    @GetMapping("/api/jobs/executions/{id}")
    JobExecutionDetails execution(@PathVariable long id) {
        return executions.find(id);
    }

    @GetMapping("/api/jobs/schedules")
    JobSchedules.Status schedules() {
        return schedules.status();
    }
}
