package com.seatflow.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Remembers how the last poll of the import mailbox went, for the health indicator. Camel hands every poll's outcome
 * here ({@code pollStrategy=#mailboxPolls}); a failed poll is logged once per poll and tried again at the next one.
 */
@Component
class MailboxPolls implements PollingConsumerPollStrategy {

    private static final Logger log = LoggerFactory.getLogger(MailboxPolls.class);

    /** The last poll: when it ended, and why it failed (null when it worked). */
    record LastPoll(Instant at, String failure) {
    }

    private final Clock clock;
    private final AtomicReference<LastPoll> last = new AtomicReference<>();

    MailboxPolls(Clock clock) {
        this.clock = clock;
    }

    LastPoll last() {
        return last.get();
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        last.set(new LastPoll(Instant.now(clock), null));
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.warn("The import mailbox could not be read: {}", reason);
        last.set(new LastPoll(Instant.now(clock), reason));
        return false;
    }
}
