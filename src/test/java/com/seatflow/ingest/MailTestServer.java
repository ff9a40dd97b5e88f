package com.seatflow.ingest;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The import mailbox of the test suite: one GreenMail IMAP server on a free port, started once per JVM before the
 * shared Spring context (registered in META-INF/spring.factories), which reads it through the real mail route. Only
 * the port is set here; the rest of {@code seatflow.mailbox.*} is in seatflow-test.properties. A fixed port would
 * clash when several checkouts run their tests on one machine, and a DynamicPropertySource would fork the context.
 */
public class MailTestServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String MAILBOX = "imports@seatflow.test";
    static final String PASSWORD = "mailbox-test-pass";

    private static GreenMail server;

    static synchronized GreenMail server() {
        if (server == null) {
            GreenMail started = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
            started.start();
            started.setUser(MAILBOX, MAILBOX, PASSWORD);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-stop"));
            server = started;
        }
        return server;
    }

    static GreenMailUser mailbox() {
        return server().getUserManager().getUser(MAILBOX);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mail-test-server",
                Map.of("seatflow.mailbox.port", server().getImap().getPort())));
    }
}
