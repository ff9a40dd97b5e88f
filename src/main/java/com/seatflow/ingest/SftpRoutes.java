package com.seatflow.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One Camel route per SFTP integration, started for the existing integrations when the application is ready and
 * restarted or removed after a change commits.
 * <p>
 * A file is taken when its size and modification time stay the same for a while ({@code readLock=changed}), so
 * senders need no done-files; only {@code *.csv} files directly in the folder are considered, so a sender who uploads
 * under another name and renames at the end is never read half-way. The shared {@code #inboundMessageIds} repository
 * is claimed eagerly ({@code idempotentEager}: an INSERT that only one node wins) with the key
 * {@code sftp:<integration>:<name>:<size>:<mtime>}, so two nodes polling the same server take a file once.
 * A failed poll skips the next {@code backoffMultiplier} polls and is recorded in {@link SftpHealth} instead of being
 * logged each time.
 */
@Component
@ConditionalOnProperty(name = "seatflow.inbound.enabled", havingValue = "true", matchIfMissing = true)
class SftpRoutes {

    private static final Logger log = LoggerFactory.getLogger(SftpRoutes.class);

    private final CamelContext camel;
    private final SftpIntegrations integrations;
    private final SftpEndpoints endpoints;
    private final SftpIntake intake;
    private final SftpHealth health;
    private final SftpSettings settings;
    /** Integrations already warned about on this node, so a restarted route does not repeat the warning. */
    private final Set<Long> unpinnedWarned = ConcurrentHashMap.newKeySet();

    SftpRoutes(CamelContext camel, SftpIntegrations integrations, SftpEndpoints endpoints, SftpIntake intake,
            SftpHealth health, SftpSettings settings) {
        this.camel = camel;
        this.integrations = integrations;
        this.endpoints = endpoints;
        this.intake = intake;
        this.health = health;
        this.settings = settings;
    }

    static String routeId(long integrationId) {
        return "sftp-" + integrationId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startAll() {
        integrations.all().forEach(integration -> restart(integration.id()));
    }

    @TransactionalEventListener
    void onChange(SftpIntegrationChanged changed) {
        restart(changed.integrationId());
    }

    /** Stops the integration's route if it runs, and starts it with the stored settings if it still exists. */
    private synchronized void restart(long integrationId) {
        stop(integrationId);
        integrations.find(integrationId).ifPresent(this::start);
    }

    private void start(SftpIntegration integration) {
        if (integration.hostKey() == null && unpinnedWarned.add(integration.id())) {
            log.warn("SFTP integration {} of {} at {}: host key not pinned, any server answering there is trusted "
                    + "with the credentials; set its hostKey (ssh-keyscan -p {} {})", integration.id(),
                    integration.orgCode(), integration.location(), integration.port(), integration.host());
        }
        poll(integration, routeId(integration.id()), "");
    }

    /**
     * Adds a route polling the integration under {@code routeId}. Tests add a second one to stand for another node;
     * Camel allows one consumer per endpoint URI, so theirs differs by an option that changes nothing
     * ({@code extraOptions}, empty otherwise).
     */
    synchronized void poll(SftpIntegration integration, String routeId, String extraOptions) {
        try {
            SftpEndpoint endpoint = endpoints.endpoint(integration, "", consumerOptions(integration) + extraOptions);
            endpoint.setPollStrategy(new HealthRecordingPollStrategy(integration.id()));
            endpoint.setExceptionHandler(new QuietExceptionHandler(integration.id()));
            health.watch(integration);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpoint).routeId(routeId)
                            .process(exchange -> intake.take(integration, exchange));
                }
            });
            log.info("Polling SFTP integration {} of {} at {}", integration.id(), integration.orgCode(),
                    integration.location());
        } catch (Exception e) {
            health.watch(integration);
            health.failed(integration.id(), e);
        }
    }

    private String consumerOptions(SftpIntegration integration) {
        return "antInclude=*.csv&autoCreate=false&stepwise=false"
                + "&readLock=changed&readLockCheckInterval=" + settings.readLockCheckInterval().toMillis()
                + "&readLockMinAge=" + settings.readLockMinAge().toMillis()
                + "&readLockTimeout=" + settings.readLockTimeout().toMillis()
                + "&delay=" + settings.pollDelay().toMillis()
                + "&backoffErrorThreshold=1&backoffMultiplier=" + settings.backoffMultiplier()
                + "&idempotent=true&idempotentEager=true&idempotentRepository=#inboundMessageIds"
                + "&idempotentKey=sftp:" + integration.id()
                + ":${file:onlyname}:${file:size}:${header.CamelFileLastModified}"
                + "&move=" + SftpIntake.PROCESSED + "/${header." + SftpIntake.MOVED_NAME + "}"
                + "&moveFailed=" + SftpIntake.FAILED + "/${header." + SftpIntake.MOVED_NAME + "}";
    }

    private synchronized void stop(long integrationId) {
        String routeId = routeId(integrationId);
        try {
            if (camel.getRoute(routeId) != null) {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
                log.info("Stopped polling SFTP integration {}", integrationId);
            }
        } catch (Exception e) {
            log.error("Cannot stop the route of SFTP integration {}", integrationId, e);
        }
        health.forget(integrationId);
    }

    /** Reports every poll to the health entry; a failed poll is not retried at once (the backoff decides). */
    private final class HealthRecordingPollStrategy implements PollingConsumerPollStrategy {

        private final long integrationId;

        HealthRecordingPollStrategy(long integrationId) {
            this.integrationId = integrationId;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            health.succeeded(integrationId);
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            health.failed(integrationId, cause);
            return false;
        }
    }

    /**
     * A failed poll was already reported by the poll strategy (a WARN once per outage), so while the integration is
     * DOWN the consumer's own report is only DEBUG; anything else (a file that cannot be moved) stays a WARN.
     */
    private final class QuietExceptionHandler implements ExceptionHandler {

        private final long integrationId;

        QuietExceptionHandler(long integrationId) {
            this.integrationId = integrationId;
        }

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, org.apache.camel.Exchange exchange, Throwable exception) {
            if (health.statusOf(integrationId).down()) {
                log.debug("SFTP integration {}: {}", integrationId, message, exception);
            } else {
                log.warn("SFTP integration {}: {}: {}", integrationId, message, SftpHealth.reason(exception));
            }
        }
    }
}
