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

    ImportController(ImportManagement imports, ImportFormats formats, ImportErrorReport errorReport) {
        this.imports = imports;
        this.formats = formats;
        this.errorReport = errorReport;
    }

    record ImportDetails(ImportJob importJob, List<ImportError> firstErrors) {
    }

    record Decision(String comment) {
    }

    @PostMapping(path = "/api/orgs/{org}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> upload(@PathVariable String org, @RequestParam String format,
            @RequestParam(required = false) String group, @RequestParam MultipartFile file, Authentication user)
            throws IOException {
        var scope = ImportReach.of(org, user).uploadScope(format);
        try (InputStream content = file.getInputStream()) {
            ImportJob job = imports.submit(new ImportSubmission(org, group, format, "REST",
                    file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename(), content,
                    user.getName(), scope));
            return ResponseEntity.status(job.status() == ImportStatus.DUPLICATE ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(job);
        }
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
        visible(org, id, user);
        return imports.decide(org, id, true, user.getName(), decision == null ? null : decision.comment());
    }

    @PostMapping("/api/orgs/{org}/imports/{id}/reject")
    ImportJob reject(@PathVariable String org, @PathVariable long id, @RequestBody(required = false) Decision decision,
            Authentication user) {
        visible(org, id, user);
        return imports.decide(org, id, false, user.getName(), decision == null ? null : decision.comment());
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
