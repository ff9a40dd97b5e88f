package com.seatflow.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.seatflow.imports.ImportError;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportManagement.DryRunReport;
import com.seatflow.platform.NotFoundException;

/**
 * {@code validate --org=acme --format=programme [--group=sales] FILE}: a dry run that prints every error and a
 * summary, and exits 0 when the file is valid, 1 when it is not, 2 on wrong usage (including an organisation, format
 * or group that does not exist).
 */
@Component
@ConditionalOnProperty(name = "seatflow.cli.command", havingValue = "validate")
class ValidateCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final String USAGE =
            "usage: validate --org=<org code> --format=<programme|group> [--group=<group code>] <file.csv>";

    private final ImportManagement imports;
    private final PrintStream out = System.out;
    private int exitCode;

    ValidateCommand(ImportManagement imports) {
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> files = args.getNonOptionArgs().stream().filter(a -> !a.equals("validate")).toList();
        String org = single(args, "org");
        String format = single(args, "format");
        if (org == null || format == null || files.size() != 1 || !Files.isRegularFile(Path.of(files.get(0)))) {
            out.println(USAGE);
            exitCode = 2;
            return;
        }
        DryRunReport report;
        try {
            report = imports.dryRun(org, single(args, "group"), format, Path.of(files.get(0)));
        } catch (NotFoundException | IllegalArgumentException wrongTarget) {
            out.println("Cannot validate " + files.get(0) + ": " + wrongTarget.getMessage());
            out.println(USAGE);
            exitCode = 2;
            return;
        }
        var job = report.job();
        out.printf("%s: %d row(s), %d would take a seat, %d unchanged, %d error(s)%n", files.get(0), job.totalRows(),
                job.newRows(), job.unchangedRows(), report.errors().size());
        if (job.seatSummary() != null) {
            out.println("Seats:\n  " + job.seatSummary().replace("\n", "\n  "));
        }
        if (job.supportReview() != null) {
            out.println("Review: provider support approves it, since " + job.supportReview());
        }
        for (ImportError e : report.errors()) {
            out.printf("row %s, column %s, value '%s': %s%n", e.rowNumber() == null ? "-" : e.rowNumber(),
                    e.column() == null ? "-" : e.column(), e.value() == null ? "" : e.value(), e.reason());
        }
        out.println(report.valid() ? "VALID: nothing was changed (dry run)" : "INVALID: nothing was changed (dry run)");
        exitCode = report.valid() ? 0 : 1;
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
