package com.seatflow.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.seatflow.imports.ImportErrorReport;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.platform.NotFoundException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A group's own CSV uploads (seed 003, option 3: "upload a CSV file" from the group leader's dashboard): under the
 * group's path, so that group's administrators may upload files of the {@code group} format into it, follow them and
 * decide them, as may whoever may act on the organisation. They see and decide only that group's files; an import of
 * another group or of another format answers 404, as if it did not exist.
 */
@RestController
class GroupImportController {

    private static final String GROUP_FORMAT = "group";

    private final ImportManagement imports;
    private final ImportErrorReport errorReport;
    private final ImportDecisions decisions;

    GroupImportController(ImportManagement imports, ImportErrorReport errorReport, ImportDecisions decisions) {
        this.imports = imports;
        this.errorReport = errorReport;
        this.decisions = decisions;
    }

    @PostMapping(path = "/api/orgs/{org}/groups/{group}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> upload(@PathVariable String org, @PathVariable String group,
            @RequestParam MultipartFile file, Authentication user) throws IOException {
        try (InputStream content = file.getInputStream()) {
            ImportJob job = imports.submit(new ImportSubmission(org, group, GROUP_FORMAT, "REST",
                    file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename(), content,
                    user.getName(), null));
            return ResponseEntity.status(job.status() == ImportStatus.DUPLICATE ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(job);
        }
    }

    @GetMapping("/api/orgs/{org}/groups/{group}/imports")
    List<ImportJob> list(@PathVariable String org, @PathVariable String group) {
        return imports.list(org).stream().filter(job -> ofGroup(job, group)).toList();
    }

    @GetMapping("/api/orgs/{org}/groups/{group}/imports/{id}")
    ImportController.ImportDetails get(@PathVariable String org, @PathVariable String group, @PathVariable long id) {
        return new ImportController.ImportDetails(require(org, group, id), imports.errors(org, id, 100));
    }

    @GetMapping(path = "/api/orgs/{org}/groups/{group}/imports/{id}/errors.csv", produces = "text/csv")
    void errorsCsv(@PathVariable String org, @PathVariable String group, @PathVariable long id,
            HttpServletResponse response) throws IOException {
        require(org, group, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            errorReport.write(org, id, out);
        }
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/imports/{id}/approve")
    ImportJob approve(@PathVariable String org, @PathVariable String group, @PathVariable long id,
            @RequestBody(required = false) ImportController.Decision decision, Authentication user) {
        return decisions.decide(require(org, group, id), true, decision, user);
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/imports/{id}/reject")
    ImportJob reject(@PathVariable String org, @PathVariable String group, @PathVariable long id,
            @RequestBody(required = false) ImportController.Decision decision, Authentication user) {
        return decisions.decide(require(org, group, id), false, decision, user);
    }

    @PostMapping("/api/orgs/{org}/groups/{group}/imports/{id}/cancel")
    ImportJob cancel(@PathVariable String org, @PathVariable String group, @PathVariable long id,
            Authentication user) {
        require(org, group, id);
        return imports.cancel(org, id, user.getName());
    }

    private ImportJob require(String org, String group, long id) {
        ImportJob job = imports.find(org, id);
        if (!ofGroup(job, group)) {
            throw new NotFoundException("Group " + group + " of organisation " + org + " has no import " + id);
        }
        return job;
    }

    private static boolean ofGroup(ImportJob job, String group) {
        return GROUP_FORMAT.equals(job.format()) && Objects.equals(job.groupCode(), group);
    }
}
