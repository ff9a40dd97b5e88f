package com.seatflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SeatflowApplication {

    /** One-shot commands (see the cli module): no web server, no pollers, exit with the command's code. */
    private static final Set<String> COMMANDS = Set.of("validate", "run-job");

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(runCommand(args));
        }
        new SpringApplication(SeatflowApplication.class).run(args);
    }

    /** Runs a one-shot command and returns its exit code; 1 when Seatflow could not even start. */
    public static int runCommand(String... args) {
        var application = new SpringApplication(SeatflowApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the command's report is the output: no banner, and only errors logged unless --logging.level.root says more
        application.setBannerMode(Banner.Mode.OFF);
        application.setDefaultProperties(Map.of("logging.level.root", "ERROR"));
        List<String> withSettings = new ArrayList<>(List.of(args));
        withSettings.addAll(List.of("--seatflow.cli.command=" + args[0], "--seatflow.schedules.enabled=false",
                "--seatflow.inbound.enabled=false", "--seatflow.mailbox.enabled=false",
                "--seatflow.imports.recover-on-start=false",
                "--camunda.bpm.job-execution.enabled=false"));
        try {
            return SpringApplication.exit(application.run(withSettings.toArray(String[]::new)));
        } catch (RuntimeException startFailed) {
            return 1;
        }
    }
}
