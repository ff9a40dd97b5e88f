package com.seatflow.enrolment;

import java.nio.file.Path;

/** Where the groupProgressReport job writes its files: {@code ${seatflow.data-dir}/reports}. */
public record ProgressReports(Path folder) {
}
