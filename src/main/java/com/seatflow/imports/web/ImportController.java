package com.seatflow.imports.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import com.seatflow.imports.ImportError;
import com.seatflow.imports.ImportErrorReport;
import com.seatflow.imports.ImportFormat;
import com.seatflow.imports.ImportFormats;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.imports.ImportSubmission;
import com.seatflow.platform.ConflictException;

@RestController
class ImportController {

    private static final CSVFormat CSV_OUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final ImportManagement imports;
    private final ImportFormats formats;
    private final ImportErrorReport errorReport;
    private final ImportDecisions decisions;

    ImportController(ImportManagement imports, ImportFormats formats, ImportErrorReport errorReport,
            ImportDecisions decisions) {
        this.imports = imports;
        this.formats = formats;
        this.errorReport = errorReport;
        this.decisions = decisions;
    }

    @Schema(description = "One import with its first 100 errors; the list of imports has the bare import objects")
    record ImportDetails(ImportJob importJob, List<ImportError> firstErrors) {
    }

    record Decision(String comment) {
    }

    /** The parts of an upload, as the OpenAPI document shows them (they arrive as request parameters). */
    @Schema(name = "ImportUpload")
    record UploadForm(
            @Schema(description = "the CSV file", type = "string", format = "binary",
                    requiredMode = Schema.RequiredMode.REQUIRED) String file,
            @Schema(description = "the import format, one of GET /api/import-formats", example = "programme",
                    requiredMode = Schema.RequiredMode.REQUIRED) String format,
            @Schema(description = "the group's code, for the group format only", example = "sales") String group) {
    }

    @Operation(summary = "Upload a file to import", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "202", description = "Accepted: the import is validated next",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @ApiResponse(responseCode = "200", description = "The same file was imported before: status DUPLICATE, "
            + "nothing is applied again", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @ApiResponse(responseCode = "400", description = "An unknown format, a missing part or group",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "The request is not multipart/form-data",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/api/orgs/{org}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> upload(@PathVariable String org, @Parameter(hidden = true) @RequestParam String format,
            @Parameter(hidden = true) @RequestParam(required = false) String group,
            @Parameter(hidden = true) @RequestParam MultipartFile file, Authentication user) throws IOException {
        var scope = ImportReach.of(org, user).uploadScope(format);
        try (InputStream content = file.getInputStream()) {
            ImportJob job = imports.submit(new ImportSubmission(org, group, format, "REST",
                    file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename(), content,
                    user.getName(), scope));
            return ResponseEntity.status(job.status() == ImportStatus.DUPLICATE ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(job);
        }
    }

    /** Any other body than multipart/form-data would get Spring's general 415, which does not name the parts. */
    @Hidden
    @PostMapping("/api/orgs/{org}/imports")
    void uploadNotMultipart(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "An upload is multipart/form-data "
                + "with the parts file, format and group (group for the group format only), not "
                + (contentType == null ? "a request without a body" : contentType));
    }

    @GetMapping("/api/orgs/{org}/imports")
    List<ImportJob> list(@PathVariable String org, Authentication user) {
        ImportReach reach = ImportReach.of(org, user);
        return imports.list(org).stream().filter(reach::maySee).toList();
    }

    /** The import, if the caller may see it (a programme learner admin sees only those of their programmes). */
    private ImportJob visible(String org, long id, Authentication user) {
        return ImportReach.of(org, user).require(imports.find(org, id));
    }

    @GetMapping("/api/orgs/{org}/imports/{id}")
    ImportDetails get(@PathVariable String org, @PathVariable long id, Authentication user) {
        return new ImportDetails(visible(org, id, user), imports.errors(org, id, 100));
    }

    @GetMapping("/api/orgs/{org}/imports/{id}/errors")
    List<ImportError> errors(@PathVariable String org, @PathVariable long id,
            @RequestParam(defaultValue = "10000") int limit, Authentication user) {
        visible(org, id, user);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return imports.errors(org, id, limit);
    }

    @GetMapping(path = "/api/orgs/{org}/imports/{id}/errors.csv", produces = "text/csv")
    void errorsCsv(@PathVariable String org, @PathVariable long id, HttpServletResponse response, Authentication user)
            throws IOException {
        visible(org, id, user);
        csvResponse(response, "import-" + id + "-errors.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            errorReport.write(org, id, out);
        }
    }

    /** The uploaded file as it was, with an added {@code errors} column, to fix in place and upload again. */
    @GetMapping(path = "/api/orgs/{org}/imports/{id}/annotated.csv", produces = "text/csv")
    void annotatedCsv(@PathVariable String org, @PathVariable long id, HttpServletResponse response,
            Authentication user) throws IOException {
        ImportJob job = visible(org, id, user);
        if (job.status() == ImportStatus.RECEIVED || job.status() == ImportStatus.VALIDATING) {
            // until validation ends the stored copy still holds the passwords a group file may carry
            throw new ConflictException("Import " + id + " is " + job.status() + ": its annotated copy is ready once"
                    + " validation has ended");
        }
        List<ImportError> fileErrors = imports.errors(org, id, 5).stream()
                .filter(e -> e.rowNumber() == null || e.rowNumber() <= 1).toList();
        if (!fileErrors.isEmpty()) {
            throw new ConflictException("The file itself cannot be annotated (" + fileErrors.get(0).reason()
                    + "); download errors.csv instead");
        }
        var errorsByRow = new java.util.HashMap<Integer, List<String>>();
        imports.forEachError(org, id, e -> errorsByRow.computeIfAbsent(e.rowNumber(), r -> new ArrayList<>())
                .add((e.column() == null ? "" : e.column() + ": ") + e.reason()));
        csvResponse(response, "import-" + id + "-with-errors.csv");
        // an InputStreamReader replaces bytes that are not UTF-8 (the error report names their row) instead of
        // failing half-way through the response, as Files.newBufferedReader would
        try (var in = new BufferedReader(new InputStreamReader(Files.newInputStream(imports.storedFile(org, id)),
                StandardCharsets.UTF_8));
                var parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(in);
                Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                var printer = new CSVPrinter(out, CSV_OUT)) {
            for (CSVRecord record : parser) {
                // empty lines count as rows (as in the import and in spreadsheets) and stay empty
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    printer.println();
                    continue;
                }
                List<String> cells = new ArrayList<>(record.toList());
                if (record.getRecordNumber() == 1 && !cells.isEmpty()) {
                    cells.set(0, cells.get(0).replace("\uFEFF", ""));
                    cells.add("errors");
                } else {
                    cells.add(String.join("; ", errorsByRow.getOrDefault((int) record.getRecordNumber(), List.of())));
                }
                ImportErrorReport.printNeutralised(printer, cells);
            }
        }
        if (job.errorCount() == 0) {
            response.setHeader("X-Seatflow-Note", "this import has no errors");
        }
    }

    @PostMapping("/api/orgs/{org}/imports/{id}/approve")
    ImportJob approve(@PathVariable String org, @PathVariable long id, @RequestBody(required = false) Decision decision,
            Authentication user) {
        return decisions.decide(visible(org, id, user), true, decision, user);
    }

    @PostMapping("/api/orgs/{org}/imports/{id}/reject")
    ImportJob reject(@PathVariable String org, @PathVariable long id, @RequestBody(required = false) Decision decision,
            Authentication user) {
        return decisions.decide(visible(org, id, user), false, decision, user);
    }

    @PostMapping("/api/orgs/{org}/imports/{id}/cancel")
    ImportJob cancel(@PathVariable String org, @PathVariable long id, Authentication user) {
        visible(org, id, user);
        return imports.cancel(org, id, user.getName());
    }

    @PostMapping("/api/orgs/{org}/imports/{id}/retry")
    ImportJob retry(@PathVariable String org, @PathVariable long id, Authentication user) {
        visible(org, id, user);
        return imports.retryCommit(org, id);
    }

    @GetMapping("/api/import-formats")
    List<ImportFormat> formats() {
        return formats.all();
    }

    @GetMapping(path = "/api/import-formats/{format}/template.csv", produces = "text/csv")
    ResponseEntity<String> template(@PathVariable String format) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + format + "-template.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(formats.template(format));
    }

    private static void csvResponse(HttpServletResponse response, String fileName) {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }


}
