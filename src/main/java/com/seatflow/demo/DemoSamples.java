package com.seatflow.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.seatflow.platform.AtomicFiles;

/**
 * Writes {@code samples/programme-learners.csv} into the drop folder at every start. A bulk expiry must lie in the
 * future and at most a year ahead, so a committed sample would stop validating within a year; this one is always
 * {@link #EXPIRY_AHEAD_DAYS} days ahead of the day Seatflow started.
 */
@Component
@ConditionalOnProperty(name = "seatflow.demo.enabled", havingValue = "true")
class DemoSamples {

    static final String PROGRAMME_SAMPLE = "programme-learners.csv";
    static final int EXPIRY_AHEAD_DAYS = 90;

    private static final Logger log = LoggerFactory.getLogger(DemoSamples.class);

    private final Path samplesFolder;
    private final Clock clock;

    DemoSamples(@Value("${seatflow.inbound.dir:inbound}") String dropFolder, Clock clock) {
        this.samplesFolder = Path.of(dropFolder, "samples");
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void writeSamples() {
        Path file = samplesFolder.resolve(PROGRAMME_SAMPLE);
        try {
            AtomicFiles.write(file, out -> out.write(programmeSample().getBytes(StandardCharsets.UTF_8)));
            log.info("Sample file for a first import: {}", file);
        } catch (IOException e) {
            // a sample is a convenience; a read-only folder must not stop Seatflow
            log.warn("Could not write the sample file {}: {}", file, e.toString());
        }
    }

    String programmeSample() {
        String expiry = LocalDate.now(clock).plusDays(EXPIRY_AHEAD_DAYS).atTime(LocalTime.of(9, 0))
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"));
        return """
                external_learner_id,email,program_code,program_run_code,expiry_time
                S1001,mary.jackson@example.org,DATA-SCI,DS-2027-01,%1$s
                S1002,katherine.johnson@example.org,DATA-SCI,DS-2027-01,%1$s
                S1003,dorothy.vaughan@example.org,DATA-SCI,DS-2027-02,%1$s
                S1004,annie.easley@example.org,DATA-SCI,DS-2027-02,%1$s
                """.formatted(expiry);
    }
}
