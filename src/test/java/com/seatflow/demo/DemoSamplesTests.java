package com.seatflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSamplesTests {

    @TempDir
    Path dropFolder;

    @Test
    void theProgrammeSampleExpiresNinetyDaysAfterTheDaySeatflowStarted() throws IOException {
        startOn("2026-11-24T16:30:00Z");

        List<CSVRecord> rows = sampleRows();
        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(row -> row.get("expiry_time")).containsOnly("2027-02-22 09:00:00");
        assertThat(rows).extracting(row -> row.get("program_code")).containsOnly("DATA-SCI");
    }

    @Test
    void everyStartRewritesTheSampleSoItNeverGoesStale() throws IOException {
        startOn("2026-11-24T16:30:00Z");
        startOn("2029-07-01T08:00:00Z");

        assertThat(sampleRows()).extracting(row -> row.get("expiry_time")).containsOnly("2029-09-29 09:00:00");
        assertThat(dropFolder.resolve("samples")).isDirectoryNotContaining("glob:**/.writing-*");
    }

    private void startOn(String instant) {
        new DemoSamples(dropFolder.toString(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).writeSamples();
    }

    private List<CSVRecord> sampleRows() throws IOException {
        try (Reader in = Files.newBufferedReader(dropFolder.resolve("samples").resolve(DemoSamples.PROGRAMME_SAMPLE))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
