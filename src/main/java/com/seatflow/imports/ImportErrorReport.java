package com.seatflow.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import com.seatflow.platform.CsvCells;

/**
 * An import's errors as CSV ({@code row,column,value,reason}, cells neutralised against formula injection): served by
 * the API as errors.csv and written back to senders by the inbound channels, so both get the same file.
 */
@Component
public class ImportErrorReport {

    private static final CSVFormat CSV_OUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final ImportManagement imports;

    ImportErrorReport(ImportManagement imports) {
        this.imports = imports;
    }

    /** Writes the report of the organisation's import {@code importId} to {@code out} (not closed). */
    public void write(String orgCode, long importId, Writer out) throws IOException {
        imports.find(orgCode, importId);
        var printer = new CSVPrinter(out, CSV_OUT);
        printer.printRecord("row", "column", "value", "reason");
        imports.forEachError(orgCode, importId, e -> printNeutralised(printer, List.of(
                e.rowNumber() == null ? "" : e.rowNumber().toString(), nullToEmpty(e.column()),
                nullToEmpty(e.value()), e.reason())));
        printer.flush();
    }

    /** Prints one record with every cell neutralised, so a spreadsheet never runs a cell as a formula. */
    public static void printNeutralised(CSVPrinter printer, List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(CsvCells::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
