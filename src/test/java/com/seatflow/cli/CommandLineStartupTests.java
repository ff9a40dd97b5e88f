package com.seatflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.seatflow.SeatflowApplication;

/**
 * The command line as cron starts it: a Seatflow of its own without a web server, which runs the job, stops and
 * returns the exit code (main hands it to System.exit).
 */
class CommandLineStartupTests {

    @AfterEach
    void restoreTheRootLogLevel() {
        // the command ran in this JVM and set the root level of its (global) logging to ERROR; the tests after it
        // share that logging and read the INFO and WARN lines they expect
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void runJobStartsWithoutAWebServerRunsTheJobAndReturnsZeroWhenItCompleted(CapturedOutput output) {
        String dataDir = "./target/test-data/cli-" + UUID.randomUUID();

        int exitCode = SeatflowApplication.runCommand("run-job", "--name=ledgerReconciliation",
                "--seatflow.data-dir=" + dataDir);

        assertThat(exitCode).isZero();
        // the report alone, for scripts and cron mails: no banner, no start-up log lines
        assertThat(output.getOut()).contains("ledgerReconciliation").doesNotContain(":: Spring Boot ::")
                .doesNotContainPattern("(?m)^\\S+\\s+(INFO|WARN) ");
    }
}
