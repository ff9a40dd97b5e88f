package com.seatflow.ingest;

import jakarta.mail.Message;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reads new (unseen) mails from the import mailbox and hands each to {@link MailIntake} once: the key of a mail in the
 * shared {@code #inboundMessageIds} repository is its Message-ID, so a mail delivered twice, seen again after a
 * restart, or fetched by two nodes at once is taken by one of them only. A handled mail is marked seen (or moved to
 * {@code seatflow.mailbox.move-to}); a mail whose handling failed stays unseen and is tried again at the next poll.
 */
@Component
@ConditionalOnProperty(name = "seatflow.mailbox.enabled", havingValue = "true")
class MailboxRoutes extends RouteBuilder {

    static final String ROUTE_ID = "mailbox";
    static final String KEY_PREFIX = "mail:";
    private static final String KEY = "SeatflowMailKey";
    private static final String MESSAGE_ID = "SeatflowMessageId";

    private final MailboxSettings settings;
    private final MailIntake intake;

    MailboxRoutes(MailboxSettings settings, MailIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    @Override
    public void configure() {
        // the credentials are set on the endpoint, so they never appear in a URI, a log line or JMX
        MailEndpoint mailbox = endpoint("%s://%s:%d?folderName=RAW(%s)&delay=%d&unseen=true&peek=true&delete=false"
                .formatted(settings.protocol(), settings.host(), settings.effectivePort(), settings.folder(),
                        settings.pollDelayMs())
                + "&mapMailMessage=false&pollStrategy=#mailboxPolls&backoffErrorThreshold=3&backoffMultiplier=5"
                + (settings.moveTo().isBlank() ? "" : "&moveTo=RAW(" + settings.moveTo() + ")"), MailEndpoint.class);
        mailbox.getConfiguration().setUsername(settings.user());
        mailbox.getConfiguration().setPassword(settings.password());

        from(mailbox).routeId(ROUTE_ID)
                .process(MailboxRoutes::identify)
                .idempotentConsumer(header(KEY)).idempotentRepository("inboundMessageIds").skipDuplicate(true)
                .process(exchange -> intake.take(mail(exchange), exchange.getIn().getHeader(MESSAGE_ID, String.class)));
    }

    private static Message mail(Exchange exchange) {
        return exchange.getIn(MailMessage.class).getOriginalMessage();
    }

    /**
     * The mail's key: its Message-ID, hashed to fit the repository; a mail without one (rare, and against RFC 5322)
     * is keyed by a hash of its whole content.
     */
    private static void identify(Exchange exchange) throws Exception {
        Message mail = mail(exchange);
        String[] ids = mail.getHeader("Message-ID");
        String messageId = ids != null && ids.length > 0 ? ids[0].strip() : null;
        String key;
        if (messageId != null && !messageId.isEmpty()) {
            key = DigestUtils.sha256Hex(messageId);
        } else {
            var content = new java.io.ByteArrayOutputStream();
            mail.writeTo(content);
            key = "content-" + DigestUtils.sha256Hex(content.toByteArray());
            messageId = "(no Message-ID, " + key + ")";
        }
        exchange.getIn().setHeader(KEY, KEY_PREFIX + key);
        exchange.getIn().setHeader(MESSAGE_ID, messageId);
    }
}
