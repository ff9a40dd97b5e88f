package com.seatflow.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Once a file's rows are validated (and their passwords hashed), the stored upload keeps no clear password: the
 * password column is blanked in place. A file too broken to rewrite is emptied instead.
 */
final class UploadedPasswords {

    private static final CSVFormat IN = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    private static final CSVFormat OUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private UploadedPasswords() {
    }

    static void blank(Path file, ImportFormat format) {
        List<String> passwordColumns = format.columns().stream()
                .filter(c -> c.type() == ImportFormat.ColumnType.PASSWORD).map(ImportFormat.Column::name).toList();
        if (passwordColumns.isEmpty() || !Files.exists(file)) {
            return;
        }
        Path rewritten = file.resolveSibling(file.getFileName() + ".blanking");
        try {
            try (var in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
                    var parser = IN.parse(in);
                    Writer out = Files.newBufferedWriter(rewritten, StandardCharsets.UTF_8);
                    var printer = new CSVPrinter(out, OUT)) {
                List<Integer> blanked = new ArrayList<>();
                for (CSVRecord record : parser) {
                    List<String> cells = new ArrayList<>(record.toList());
                    if (record.getRecordNumber() == 1) {
                        for (int i = 0; i < cells.size(); i++) {
                            if (passwordColumns.contains(cells.get(i).replace("\uFEFF", "").strip())) {
                                blanked.add(i);
                            }
                        }
                    } else {
                        blanked.stream().filter(i -> i < cells.size()).forEach(i -> cells.set(i, ""));
                    }
                    printer.printRecord(cells);
                }
            }
            Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException | IllegalStateException unreadable) {
            try {
                Files.deleteIfExists(rewritten);
                Files.write(file, new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clear the passwords from " + file, e);
            }
        }
    }
}
