package com.seatflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SeatflowApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(SeatflowApplication.class);
        if (args.length > 0 && args[0].equals("validate")) {
            application.setWebApplicationType(WebApplicationType.NONE);
            System.setProperty("seatflow.cli.command", "validate");
            System.setProperty("seatflow.inbound.enabled", "false");
            System.setProperty("seatflow.imports.recover-on-start", "false");
            System.setProperty("camunda.bpm.job-execution.enabled", "false");
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }
}
