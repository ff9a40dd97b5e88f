package com.seatflow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.NestedExceptionUtils;

import com.seatflow.cli.NoSeatflowDatabaseException;
import com.seatflow.platform.Causes;

@SpringBootApplication
public class SeatflowApplication {

    /** One-shot commands (see the cli module): no web server, no pollers, exit with the command's code. */
    private static final Set<String> COMMANDS = Set.of("validate", "run-job");
    /** H2's "database not found, and IFEXISTS=true" (ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1). */
    private static final int H2_DATABASE_NOT_FOUND = 90146;
    /** PostgreSQL's "database does not exist". */
    private static final String POSTGRES_INVALID_CATALOG_NAME = "3D000";

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(runCommand(args));
        }
        new SpringApplication(SeatflowApplication.class).run(args);
    }

    /**
     * Runs a one-shot command and returns its exit code: 2 when there is no Seatflow database where the settings
     * point (a missing profile would otherwise run the command on a new, empty database and report success), 1 when
     * Seatflow could not start for another reason.
     */
    public static int runCommand(String... args) {
        var application = new SpringApplication(SeatflowApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the command's report is the output: no banner, and only errors logged unless --logging.level.root says more;
        // a failed start is told in one line below instead of Spring Boot's report
        application.setBannerMode(Banner.Mode.OFF);
        application.setDefaultProperties(Map.of("logging.level.root", "ERROR",
                "logging.level.org.springframework.boot.SpringApplication", "OFF", "seatflow.only-existing-database", "true"));
        List<String> withSettings = new ArrayList<>(List.of(args));
        withSettings.addAll(List.of("--seatflow.cli.command=" + args[0], "--seatflow.schedules.enabled=false",
                "--seatflow.inbound.enabled=false", "--seatflow.mailbox.enabled=false",
                "--seatflow.imports.recover-on-start=false", "--seatflow.mail.dispatch-enabled=false",
                "--camunda.bpm.job-execution.enabled=false"));
        try {
            return SpringApplication.exit(application.run(withSettings.toArray(String[]::new)));
        } catch (RuntimeException startFailed) {
            if (Causes.any(startFailed, SeatflowApplication::meansNoSeatflowDatabase)) {
                String where = Causes.find(startFailed, NoSeatflowDatabaseException.class)
                        .map(NoSeatflowDatabaseException::getMessage).orElse("No Seatflow database here");
                System.err.println(where + ": give the command the platform's database settings (for example"
                        + " --spring.profiles.active=postgres, or the platform's --seatflow.data-dir)");
                return 2;
            }
            System.err.println("Seatflow could not start: "
                    + NestedExceptionUtils.getMostSpecificCause(startFailed).getMessage());
            return 1;
        }
    }

    private static boolean meansNoSeatflowDatabase(Throwable cause) {
        return cause instanceof NoSeatflowDatabaseException
                || cause instanceof SQLException sql && (sql.getErrorCode() == H2_DATABASE_NOT_FOUND
                        || POSTGRES_INVALID_CATALOG_NAME.equals(sql.getSQLState()));
    }
}
