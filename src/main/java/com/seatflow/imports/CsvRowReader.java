package com.seatflow.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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
 * that makes the rest of the file unreadable ends the read with one file-level problem.
 */
class CsvRowReader implements ItemStreamReader<ParsedRow> {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final Path file;
    private final ImportFormat format;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private List<String> header;
    private boolean finished;
    private int lastRow = 1;

    CsvRowReader(Path file, ImportFormat format) {
        this.file = file;
        this.format = format;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        try {
            parser = CSV.parse(utf8Reader(Files.newInputStream(file)));
            records = parser.iterator();
        } catch (IOException e) {
            throw new ItemStreamException("Cannot open " + file, e);
        }
    }

    @Override
    public ParsedRow read() {
        if (finished) {
            return null;
        }
        try {
            if (header == null) {
                return readHeader();
            }
            if (!records.hasNext()) {
                finished = true;
                return lastRow == 1 ? finish(ParsedRow.fileProblem(null, "the file has a header but no data rows")) : null;
            }
            return toRow(records.next());
        } catch (UncheckedIOException e) {
            return finish(ParsedRow.fileProblem(lastRow + 1, describe(e.getCause())));
        } catch (IllegalStateException e) {
            return finish(ParsedRow.fileProblem(lastRow + 1, "the file is not valid CSV after row " + lastRow + ": "
                    + e.getMessage()));
        }
    }

    private ParsedRow readHeader() {
        if (!records.hasNext()) {
            return finish(ParsedRow.fileProblem(null, "the file is empty: expected a header row with the columns "
                    + String.join(",", format.columnNames())));
        }
        CSVRecord first = records.next();
        List<String> names = new ArrayList<>();
        for (String name : first) {
            if (containsControlCharacters(name)) {
                return finish(ParsedRow.fileProblem(1, "the file is binary, not CSV text"));
            }
            names.add(name.strip());
        }
        Set<String> seen = new HashSet<>();
        List<String> repeated = names.stream().filter(n -> !seen.add(n)).toList();
        List<String> unknown = names.stream().filter(n -> format.column(n).isEmpty()).toList();
        List<String> missing = format.columns().stream().filter(c -> c.required() && !names.contains(c.name()))
                .map(ImportFormat.Column::name).toList();
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing column(s) " + String.join(", ", missing));
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown column(s) " + String.join(", ", unknown));
        }
        if (!repeated.isEmpty()) {
            problems.add("repeated column(s) " + String.join(", ", repeated));
        }
        if (!problems.isEmpty()) {
            return finish(ParsedRow.fileProblem(1, "the header row has " + String.join("; ", problems)
                    + ". Expected the columns " + String.join(",", format.columnNames())));
        }
        header = names;
        return read();
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
            int max = format.column(column).orElseThrow().maxLength();
            if (value.length() > max) {
                errors.add(new ImportError(row, column, ImportErrorValues.shorten(value), "the value is " + value.length()
                        + " characters long; at most " + max + " are allowed"));
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
        return value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0xFFFD);
    }

    private String describe(Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return "the file is not UTF-8 text (an invalid byte sequence after row " + lastRow
                    + "); save it as CSV UTF-8 and upload it again";
        }
        return "the file cannot be read after row " + lastRow + ": " + cause.getMessage();
    }

    private static Reader utf8Reader(InputStream raw) throws IOException {
        var in = new PushbackInputStream(raw, 3);
        byte[] bom = new byte[3];
        int read = in.readNBytes(bom, 0, 3);
        boolean hasBom = read == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
        if (!hasBom && read > 0) {
            in.unread(bom, 0, read);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
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
