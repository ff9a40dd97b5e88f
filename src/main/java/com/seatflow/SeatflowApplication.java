package com.seatflow;

import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SeatflowApplication {

    /** One-shot commands (see the cli module): no web server, no pollers, exit with the command's code. */
    private static final Set<String> COMMANDS = Set.of("validate", "run-job");

    public static void main(String[] args) {
        var application = new SpringApplication(SeatflowApplication.class);
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            application.setWebApplicationType(WebApplicationType.NONE);
            System.setProperty("seatflow.cli.command", args[0]);
            System.setProperty("seatflow.schedules.enabled", "false");
            System.setProperty("seatflow.inbound.enabled", "false");
            System.setProperty("seatflow.imports.recover-on-start", "false");
            System.setProperty("camunda.bpm.job-execution.enabled", "false");
            int exitCode;
            try {
                exitCode = SpringApplication.exit(application.run(args));
            } catch (RuntimeException startFailed) {
                exitCode = 1;
            }
            System.exit(exitCode);
        }
        application.run(args);
    }
}
