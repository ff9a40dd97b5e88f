package com.seatflow.ingest;

import jakarta.mail.Message;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reads new (unseen) mails from the import mailbox and hands each to {@link MailIntake} once: the key of a mail in the
 * shared {@code #inboundMessageIds} repository is its Message-ID, so a mail delivered twice, seen again after a
 * restart, or fetched by two nodes at once is taken by one of them only. A handled mail is marked seen (or moved to
 * {@code seatflow.mailbox.move-to}); a mail whose handling failed, or that another node is handling, stays unseen and
 * is tried again at the next poll.
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
    private final InboundMessageIds messageIds;

    MailboxRoutes(MailboxSettings settings, MailIntake intake, InboundMessageIds messageIds) {
        this.settings = settings;
        this.intake = intake;
        this.messageIds = messageIds;
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

        // the mail stays unseen, to be read again at a later poll; no stack trace for what is not an error
        onException(MailHeldElsewhere.class).handled(false).logStackTrace(false).logExhausted(false);

        from(mailbox).routeId(ROUTE_ID)
                .process(MailboxRoutes::identify)
                .process(this::claim)
                .process(exchange -> intake.take(mail(exchange), exchange.getIn().getHeader(MESSAGE_ID, String.class)));
    }

    /** Another node is handling the mail, or was until it died; the mail is left unseen. */
    static final class MailHeldElsewhere extends RuntimeException {
        MailHeldElsewhere(String messageId) {
            // no stack trace: the mail consumer logs this at every poll that finds the mail held
            super("mail " + messageId + " is being handled by another node; it stays unseen until that one finishes"
                    + " or its claim goes stale", null, false, false);
        }
    }

    /**
     * Claims the mail for this node, confirmed once it is handled and given back if handling failed. A mail handled
     * before (delivered twice) ends here and is marked seen. A mail another node holds is left unseen: if that node
     * dies before it finishes, a later poll takes the mail over once the claim is stale, so it is never lost.
     */
    private void claim(Exchange exchange) {
        String key = exchange.getIn().getHeader(KEY, String.class);
        switch (messageIds.claim(key)) {
            case TAKEN -> exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    messageIds.confirm(key);
                }

                @Override
                public void onFailure(Exchange failed) {
                    messageIds.remove(key);
                }
            });
            case DONE -> exchange.setRouteStop(true);
            case HELD -> throw new MailHeldElsewhere(exchange.getIn().getHeader(MESSAGE_ID, String.class));
        }
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
