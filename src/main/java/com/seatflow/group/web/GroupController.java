package com.seatflow.group.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.enrolment.ProgressCsv;
import com.seatflow.enrolment.ProgressRow;
import com.seatflow.group.LearnerGroupManagement;
import com.seatflow.group.GroupMember;
import com.seatflow.group.GroupView;
import com.seatflow.group.MemberRemoved;
import com.seatflow.group.RefundView;
import com.seatflow.group.RemovalRequest;

@RestController
class GroupController {

    private final LearnerGroupManagement groups;

    GroupController(LearnerGroupManagement groups) {
        this.groups = groups;
    }

    /** The groups the caller administers, with seats used and free per module. */
    @GetMapping("/api/me/groups")
    List<GroupView> myGroups(Authentication caller) {
        return groups.administeredBy(caller.getName());
    }

    @GetMapping("/api/orgs/{org}/groups/{group}")
    GroupView group(@PathVariable String org, @PathVariable String group) {
        return groups.overview(org, group);
    }

    @GetMapping("/api/orgs/{org}/groups/{group}/members")
    List<GroupMember> members(@PathVariable String org, @PathVariable String group) {
        return groups.members(org, group);
    }

    /** Ends the member's access to the group's modules; the body may ask for the seats back, with a reason. */
    @DeleteMapping("/api/orgs/{org}/groups/{group}/members/{email}")
    MemberRemoved remove(@PathVariable String org, @PathVariable String group, @PathVariable String email,
            @RequestBody(required = false) RemovalRequest removal, Authentication caller) {
        return groups.removeMember(org, group, email, removal, caller.getName());
    }

    @GetMapping("/api/orgs/{org}/groups/{group}/refunds")
    List<RefundView> refunds(@PathVariable String org, @PathVariable String group) {
        return groups.refunds(org, group);
    }

    /** Each member on each of the group's modules. */
    @GetMapping("/api/orgs/{org}/groups/{group}/progress")
    List<ProgressRow> progress(@PathVariable String org, @PathVariable String group) {
        return groups.progress(org, group);
    }

    @GetMapping(path = "/api/orgs/{org}/groups/{group}/progress.csv", produces = "text/csv")
    void progressCsv(@PathVariable String org, @PathVariable String group, HttpServletResponse response)
            throws IOException {
        List<ProgressRow> rows = groups.progress(org, group);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(org, group, "progress"));
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            ProgressCsv.write(rows, out);
        }
    }
}
