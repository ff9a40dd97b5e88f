package com.seatflow.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import com.seatflow.platform.NotFoundException;

/** The import formats, read from {@code batch-jobs/formats/*.yml} (or the copies in the jar). */
@Component
public class ImportFormats {

    private final Map<String, ImportFormat> formats = new TreeMap<>();
    private final Clock clock;

    ImportFormats(@Value("${seatflow.batch-jobs-dir:batch-jobs}") Path batchJobsDir, Clock clock) throws IOException {
        this.clock = clock;
        Path folder = batchJobsDir.resolve("formats");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        add(in, file.toString());
                    }
                }
            }
        } else {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:batch-jobs/formats/*.yml")) {
                try (InputStream in = resource.getInputStream()) {
                    add(in, resource.getDescription());
                }
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalStateException("No import format found in " + folder.toAbsolutePath());
        }
    }

    @SuppressWarnings("unchecked")
    private void add(InputStream in, String origin) {
        try {
            Map<String, Object> yaml = new Yaml().load(in);
            List<ImportFormat.Column> columns = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) yaml.get("columns")) {
                columns.add(new ImportFormat.Column((String) c.get("name"),
                        ImportFormat.ColumnType.valueOf(((String) c.get("type")).toUpperCase(Locale.ROOT).replace('-', '_')),
                        Boolean.TRUE.equals(c.get("required")), ((Number) c.getOrDefault("max-length", 254)).intValue(),
                        text(c.getOrDefault("example", "")), text(c.getOrDefault("meaning", ""))));
            }
            var format = new ImportFormat((String) yaml.get("name"), (String) yaml.get("description"),
                    Boolean.TRUE.equals(yaml.get("needs-group")), List.copyOf(columns));
            formats.put(format.name(), format);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Import format " + origin + " is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * A value as the operator wrote it. YAML reads an unquoted {@code 2027-10-10 09:00:00} as a timestamp, which
     * {@code String.valueOf} would turn into "Sun Oct 10 09:00:00 UTC 2027"; it is written back in the file's format.
     */
    private static String text(Object value) {
        if (value instanceof java.util.Date date) {
            return RowValidator.UTC_DATE_TIME.format(date.toInstant().atOffset(ZoneOffset.UTC));
        }
        return String.valueOf(value);
    }

    /** Every format as users see it: a date-time column without an example gets one that is valid today. */
    public List<ImportFormat> all() {
        return formats.values().stream().map(this::withCurrentExamples).toList();
    }

    /**
     * A fixed example date would make the template invalid once it passed, so a {@code utc-datetime} column whose
     * definition gives none shows four weeks from today at 09:00 (an individual invitation's lifetime).
     */
    private ImportFormat withCurrentExamples(ImportFormat format) {
        String fourWeeksAhead = RowValidator.UTC_DATE_TIME.format(LocalDate.now(clock).plusWeeks(4)
                .atTime(LocalTime.of(9, 0)));
        return new ImportFormat(format.name(), format.description(), format.needsGroup(), format.columns().stream()
                .map(c -> c.type() == ImportFormat.ColumnType.UTC_DATETIME && c.example().isEmpty()
                        ? new ImportFormat.Column(c.name(), c.type(), c.required(), c.maxLength(), fourWeeksAhead,
                                c.meaning())
                        : c)
                .toList());
    }

    /** A format addressed as a resource (its template, a stored import's): an unknown one is not found. */
    public ImportFormat require(String name) {
        ImportFormat format = formats.get(name);
        if (format == null) {
            throw new NotFoundException(unknown(name));
        }
        return format;
    }

    /** The format a request or an upload names: an unknown one is bad input, not a missing resource. */
    public ImportFormat requireNamed(String name) {
        ImportFormat format = formats.get(name);
        if (format == null) {
            throw new IllegalArgumentException(unknown(name));
        }
        return format;
    }

    private String unknown(String name) {
        return "Unknown import format '" + name + "'; known formats: " + formats.keySet();
    }

    /** A CSV template: the header row and one example row, generated from the format definition. */
    public String template(String name) {
        ImportFormat format = withCurrentExamples(require(name));
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord(format.columnNames());
            printer.printRecord(format.columns().stream().map(ImportFormat.Column::example).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
