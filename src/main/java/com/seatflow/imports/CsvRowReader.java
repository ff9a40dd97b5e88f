package com.seatflow.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamException;
import org.springframework.batch.item.ItemStreamReader;

/**
 * Streams a CSV file record by record with Commons CSV: UTF-8 only (a BOM is skipped), CRLF or LF, quoted values with
 * commas, quotes and line breaks. The header (row 1) must name exactly the format's columns, in any order. Anything
 * that makes the rest of the file unreadable ends the read with one problem: a binary file (found by its first bytes),
 * or the first value that is not UTF-8 (invalid bytes are decoded as U+FFFD, so the row and column where they are can
 * be named).
 */
class CsvRowReader implements ItemStreamReader<ParsedRow> {

    /** Empty lines are records too, so row numbers are the rows a spreadsheet shows; {@link #isBlank} skips them. */
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    private static final int SNIFFED_BYTES = 4096;
    private static final char NOT_UTF8 = '\uFFFD';
    private static final int LISTED_NAMES = 3;
    private static final int LISTED_NAME_LENGTH = 24;
    static final String UTF16 = "the file is UTF-16 text, not UTF-8; save it as CSV UTF-8 and upload it again";
    static final String BINARY = "the file is binary data (for example an image or a spreadsheet workbook), not CSV"
            + " text; save it as CSV UTF-8 and upload it again";

    private final Path file;
    private final ImportFormat format;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> header;
    /** The format's definition of each header column, looked up once instead of once per value. */
    private List<ImportFormat.Column> headerColumns;
    private boolean finished;
    /** Why the file cannot be read at all, from its first bytes; reported once by the first read. */
    private String unreadable;
    private int lastRow = 1;
    private int dataRows;

    CsvRowReader(Path file, ImportFormat format) {
        this.file = file;
        this.format = format;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        try {
            unreadable = sniff(file);
            if (unreadable != null) {
                finished = true;
                return;
            }
            parser = CSV.parse(utf8Reader(Files.newInputStream(file)));
            records = parser.iterator();
        } catch (IOException e) {
            throw new ItemStreamException("Cannot open " + file, e);
        }
    }

    @Override
    public ParsedRow read() {
        if (unreadable != null) {
            String reason = unreadable;
            unreadable = null;
            return ParsedRow.fileProblem(null, reason);
        }
        if (finished) {
            return null;
        }
        try {
            if (header == null) {
                return readHeader();
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    lastRow = (int) record.getRecordNumber();
                    continue;
                }
                dataRows++;
                return toRow(record);
            }
            finished = true;
            return dataRows == 0 ? finish(ParsedRow.fileProblem(null, "the file has a header but no data rows")) : null;
        } catch (UncheckedIOException e) {
            return finish(ParsedRow.fileProblem(lastRow + 1, describe(e.getCause())));
        } catch (IllegalStateException e) {
            return finish(ParsedRow.fileProblem(lastRow + 1, "the file is not valid CSV after row " + lastRow + ": "
                    + e.getMessage()));
        }
    }

    private ParsedRow readHeader() {
        CSVRecord first;
        do {
            if (!records.hasNext()) {
                return finish(ParsedRow.fileProblem(null, "the file is empty: expected a header row with the columns "
                        + String.join(",", format.columnNames())));
            }
            first = records.next();
        } while (isBlank(first));
        List<String> names = new ArrayList<>();
        for (String name : first) {
            if (containsControlCharacters(name)) {
                return finish(ParsedRow.fileProblem(1, BINARY));
            }
            if (name.indexOf(NOT_UTF8) >= 0) {
                return finish(ParsedRow.fileProblem(1, notUtf8(1)));
            }
            names.add(name.strip());
        }
        Set<String> seen = new HashSet<>();
        List<String> repeated = names.stream().filter(n -> !seen.add(n)).distinct().toList();
        List<String> unknown = names.stream().filter(n -> format.column(n).isEmpty()).distinct().toList();
        List<String> missing = format.columns().stream().filter(c -> c.required() && !names.contains(c.name()))
                .map(ImportFormat.Column::name).toList();
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing column(s) " + String.join(", ", missing));
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown column(s) " + listed(unknown));
        }
        if (!repeated.isEmpty()) {
            problems.add("repeated column(s) " + listed(repeated));
        }
        if (!problems.isEmpty()) {
            return finish(ParsedRow.fileProblem(1, "the header row has " + String.join("; ", problems)
                    + ". Expected the columns " + String.join(",", format.columnNames())));
        }
        header = names;
        headerColumns = names.stream().map(n -> format.column(n).orElseThrow()).toList();
        return read();
    }

    /** Column names as a header error lists them: a few, each short, so that any header gives a readable reason. */
    private static String listed(List<String> names) {
        List<String> shown = names.stream().limit(LISTED_NAMES)
                .map(n -> n.isEmpty() ? "(empty)" : n.length() <= LISTED_NAME_LENGTH ? n
                        : n.substring(0, LISTED_NAME_LENGTH) + "…")
                .toList();
        return String.join(", ", shown) + (names.size() > LISTED_NAMES ? " and " + (names.size() - LISTED_NAMES)
                + " more" : "");
    }

    private ParsedRow toRow(CSVRecord record) {
        int row = (int) record.getRecordNumber();
        lastRow = row;
        List<ImportError> errors = new ArrayList<>();
        if (record.size() != header.size()) {
            errors.add(new ImportError(row, null, null, "the row has " + record.size() + " value(s) but the header has "
                    + header.size() + " column(s)"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(record.size(), header.size()); i++) {
            String value = record.get(i);
            if (value.indexOf('\0') >= 0) {
                return finish(ParsedRow.fileProblem(row, "the file is binary, not CSV text (a NUL byte on row " + row + ")"));
            }
            String column = header.get(i);
            ImportFormat.Column definition = headerColumns.get(i);
            int max = definition.maxLength();
            if (value.indexOf(NOT_UTF8) >= 0) {
                finished = true; // this row is still checked; the rest of the file would only repeat the error
                errors.add(new ImportError(row, column, ImportErrorValues.shown(definition, value), notUtf8(row)));
                value = "";
            } else if (value.length() > max) {
                errors.add(new ImportError(row, column, ImportErrorValues.shown(definition, value), "the value is "
                        + value.length() + " characters long; at most " + max + " are allowed"));
                value = "";
            }
            values.put(column, value);
        }
        return new ParsedRow(row, values, errors, null);
    }

    private ParsedRow finish(ParsedRow row) {
        finished = true;
        return row;
    }

    private static boolean containsControlCharacters(String value) {
        return value.chars().anyMatch(c -> c < 0x20 && c != '\t');
    }

    private static String notUtf8(int row) {
        return "the file is not UTF-8 text (an invalid byte sequence on row " + row
                + "); save it as CSV UTF-8 and upload it again";
    }

    /**
     * Text never holds a NUL or the control bytes of images, archives and workbooks; the first 4 kB tell. UTF-16
     * (what "Unicode text" exports write) is named as such rather than as binary data. Null when the file is text.
     */
    private static String sniff(Path file) throws IOException {
        byte[] start = new byte[SNIFFED_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, SNIFFED_BYTES);
        }
        if (read >= 2 && ((start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE
                || (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF)) {
            return UTF16;
        }
        for (int i = 0; i < read; i++) {
            int b = start[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                return BINARY;
            }
        }
        return null;
    }

    /** A line with nothing in it, or only commas (what spreadsheets write for a row whose cells were cleared). */
    private static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private String describe(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int row = lastRow + 1;
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value that starts on row " + row + " is never closed: the file ends inside it";
        }
        if (message.contains("between encapsulated token and delimiter")) {
            return "a quoted value on row " + row + " is followed by other characters before the next comma"
                    + " (a quote inside a quoted value is written as two quotes: \"\")";
        }
        return "the file cannot be read after row " + lastRow + ": " + message;
    }

    private static Reader utf8Reader(InputStream raw) throws IOException {
        var in = new PushbackInputStream(raw, 3);
        byte[] bom = new byte[3];
        int read = in.readNBytes(bom, 0, 3);
        boolean hasBom = read == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
        if (!hasBom && read > 0) {
            in.unread(bom, 0, read);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    @Override
    public void close() throws ItemStreamException {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException(e);
        }
    }
}
