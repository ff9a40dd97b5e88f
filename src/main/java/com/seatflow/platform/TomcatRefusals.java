package com.seatflow.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Requests Tomcat refuses before Seatflow sees them (an encoded slash in the path, a request line or header beyond
 * its limits) get a problem document like every other refusal, instead of Tomcat's HTML error page. Tomcat's host adds
 * its error report valve when it starts, before the application's context starts; the context swaps it then.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TomcatRefusals {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDocumentsForTomcatsRefusals() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() != null) {
                Pipeline host = context.getParent().getPipeline();
                for (Valve valve : host.getValves()) {
                    if (valve.getClass() == ErrorReportValve.class) {
                        host.removeValve(valve);
                        host.addValve(new ProblemReportValve());
                    }
                }
            }
        }));
    }

    /** Tomcat's error report as an RFC 9457 problem: what Spring answers for the requests it does see. */
    static final class ProblemReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return; // not an error, or the application has answered already
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return; // the connection is gone: nobody would read it
            }
            HttpStatus known = HttpStatus.resolve(status);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", known == null ? "Error" : known.getReasonPhrase());
            problem.put("status", status);
            problem.put("detail", status == 400 ? "The request was refused before Seatflow read it: its address or"
                    + " headers are malformed (for example an encoded slash, %2F, in the path) or longer than the"
                    + " server accepts" : "The request was refused before Seatflow read it");
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away while the answer was written
            }
        }
    }
}
