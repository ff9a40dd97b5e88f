package com.seatflow.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

import com.seatflow.platform.CsvCells;

/**
 * An import's error report as CSV ({@code row,column,value,reason}, cells neutralised against spreadsheet formulas),
 * as the API serves it and the inbound channels send it back.
 */
@Component
public class ImportErrorCsv {

    private static final CSVFormat CSV_OUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final ImportManagement imports;

    ImportErrorCsv(ImportManagement imports) {
        this.imports = imports;
    }

    /** Writes the report of the organisation's import to {@code out}, which is flushed but left open. */
    public void write(String orgCode, long importId, Writer out) throws IOException {
        imports.find(orgCode, importId);
        var printer = new CSVPrinter(out, CSV_OUT);
        printer.printRecord("row", "column", "value", "reason");
        imports.forEachError(orgCode, importId, e -> print(printer, e.rowNumber() == null ? "" : e.rowNumber().toString(),
                nullToEmpty(e.column()), nullToEmpty(e.value()), e.reason()));
        printer.flush();
    }

    private static void print(CSVPrinter printer, String... cells) {
        try {
            for (String cell : cells) {
                printer.print(CsvCells.neutralise(cell));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
