package com.seatflow.enrolment;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.seatflow.platform.CsvCells;

/** A group's progress as CSV for spreadsheets: one row per member and module, every text cell neutralised. */
public final class ProgressCsv {

    public static final List<String> HEADER = List.of("group", "email", "first_name", "last_name", "module",
            "module_name", "status", "progress", "enrolled_at", "started_at", "last_activity_at", "completed_at");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private ProgressCsv() {
    }

    public static void write(List<ProgressRow> rows, Writer out) throws IOException {
        var printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(HEADER);
        for (ProgressRow row : rows) {
            printer.printRecord(text(row.groupCode()), text(row.email()), text(row.firstName()), text(row.lastName()),
                    text(row.moduleCode()), text(row.moduleName()), row.status(), row.progress(),
                    time(row.enrolledAt()), time(row.startedAt()), time(row.lastActivityAt()),
                    time(row.completedAt()));
        }
        printer.flush();
    }

    private static String text(String value) {
        return value == null ? "" : CsvCells.neutralise(value);
    }

    private static String time(Instant value) {
        return value == null ? "" : value.toString();
    }
}
