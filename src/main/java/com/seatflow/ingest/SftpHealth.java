package com.seatflow.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import com.jcraft.jsch.JSchHostKeyException;

import com.seatflow.platform.Causes;

/**
 * The {@code sftp} health contributor: one entry per integration polled by this node ({@code integration-<id>}),
 * UP after a successful poll, DOWN with the reason after a failed one. It also keeps the logs quiet while a server is
 * down: the first failure is a WARN, the recovery an INFO, the polls failing in between only DEBUG.
 */
@Component("sftpHealthContributor")
class SftpHealth implements CompositeHealthContributor {

    private static final Logger log = LoggerFactory.getLogger(SftpHealth.class);
    private static final String PREFIX = "integration-";

    private record Watched(String org, String location, boolean hostKeyPinned, SftpPollStatus status) {
    }

    private final Map<Long, Watched> watched = new ConcurrentSkipListMap<>();
    private final Clock clock;

    SftpHealth(Clock clock) {
        this.clock = clock;
    }

    void watch(SftpIntegration integration) {
        watched.put(integration.id(), new Watched(integration.orgCode(), integration.location(),
                integration.hostKey() != null, SftpPollStatus.UNKNOWN));
    }

    void forget(long integrationId) {
        watched.remove(integrationId);
    }

    SftpPollStatus statusOf(long integrationId) {
        Watched entry = watched.get(integrationId);
        return entry == null ? SftpPollStatus.UNKNOWN : entry.status();
    }

    void succeeded(long integrationId) {
        Instant now = Instant.now(clock);
        watched.computeIfPresent(integrationId, (id, entry) -> {
            if (entry.status().down()) {
                log.info("SFTP integration {} ({}) is reachable again after {} failed polls", id, entry.location(),
                        entry.status().consecutiveFailures());
            }
            return new Watched(entry.org(), entry.location(), entry.hostKeyPinned(), entry.status().succeeded(now));
        });
    }

    void failed(long integrationId, Throwable cause) {
        Instant now = Instant.now(clock);
        String reason = reason(cause);
        watched.computeIfPresent(integrationId, (id, entry) -> {
            if (!entry.status().down()) {
                log.warn("SFTP integration {} ({}) cannot be polled: {}. Retrying with backoff; the health entry "
                        + "sftp/{}{} shows when it is back", id, entry.location(), reason, PREFIX, id);
            } else {
                log.debug("SFTP integration {} still cannot be polled: {}", id, reason);
            }
            return new Watched(entry.org(), entry.location(), entry.hostKeyPinned(),
                    entry.status().failed(now, reason));
        });
    }

    /**
     * The causes' messages, outermost first, without repeats (Camel wraps the network error a few times); a refused
     * host key is said in words first, since jsch's own message ("HostKey has been changed") hides why.
     */
    static String reason(Throwable cause) {
        StringBuilder reason = new StringBuilder();
        if (Causes.any(cause, JSchHostKeyException.class::isInstance)) {
            reason.append("The server's host key did not match the pinned hostKey (the connection was refused "
                    + "before signing in)");
        }
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (reason.indexOf(message) < 0) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        return reason.toString();
    }

    @Override
    public HealthContributor getContributor(String name) {
        if (!name.startsWith(PREFIX)) {
            return null;
        }
        try {
            long id = Long.parseLong(name.substring(PREFIX.length()));
            return watched.containsKey(id) ? indicator(id) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return watched.keySet().stream()
                .map(id -> NamedContributor.<HealthContributor>of(PREFIX + id, indicator(id)))
                .toList().iterator();
    }

    private HealthIndicator indicator(long id) {
        return () -> {
            Watched entry = watched.get(id);
            if (entry == null) {
                return Health.unknown().withDetail("message", "no longer polled").build();
            }
            SftpPollStatus status = entry.status();
            Health.Builder health = Health.status(new Status(status.status())).withDetail("org", entry.org())
                    .withDetail("location", entry.location()).withDetail("hostKeyPinned", entry.hostKeyPinned())
                    .withDetail("message", status.message());
            if (status.lastSuccessAt() != null) {
                health.withDetail("lastSuccessAt", status.lastSuccessAt().toString());
            }
            if (status.lastFailureAt() != null) {
                health.withDetail("lastFailureAt", status.lastFailureAt().toString());
            }
            return health.withDetail("consecutiveFailures", status.consecutiveFailures()).build();
        };
    }
}
