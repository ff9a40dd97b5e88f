package com.seatflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.seatflow.MovableClock;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.World;

import net.javacrumbs.shedlock.core.LockProvider;

/**
 * Dispatchers built here, on the shared database and lock, with their own transport and clock. Their clock runs
 * decades ahead and their mails are due only then, so the shared context's dispatcher leaves these mails alone.
 */
@SeatflowIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutboxDispatcherIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtpServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final String TEMPLATE = "dispatcher-test";
    static final Instant LATER = Instant.parse("2080-01-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LockProvider locks;
    @Autowired
    InvitationMailRenderer invitationMails;
    @Autowired
    World world;

    final MovableClock clock = new MovableClock(LATER);
    /** Mails handed to a transport by this test's dispatchers. */
    final AtomicInteger tries = new AtomicInteger();

    @BeforeEach
    void noOtherMailIsDue() {
        // this test's dispatchers would send every mail that is due now: the shared one sends them first
        await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM outbox_mail
                 WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)""")
                .param(OffsetDateTime.now()).query(Integer.class).single() == 0);
    }

    @AfterEach
    void removeThisTestsMails() {
        jdbc.sql("DELETE FROM outbox_mail WHERE template = ?").param(TEMPLATE).update();
    }

    record Row(String status, int attempts, OffsetDateTime nextAttemptAt) {
    }

    private List<String> queue(int mails) {
        List<String> recipients = IntStream.range(0, mails).mapToObj(i -> World.unique("r") + "@example.org").toList();
        for (String recipient : recipients) {
            jdbc.sql("""
                    INSERT INTO outbox_mail (template, recipient, subject, body, status, created_at, next_attempt_at)
                    VALUES (?, ?, 'Hello', 'Body', 'PENDING', ?, ?)""")
                    .params(TEMPLATE, recipient, OffsetDateTime.now(), at(LATER)).update();
        }
        return recipients;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private Row row(String recipient) {
        return jdbc.sql("SELECT status, attempts, next_attempt_at FROM outbox_mail WHERE recipient = ?")
                .param(recipient).query(Row.class).single();
    }

    private MailSettings settings(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        return new MailSettings("smtp", "seats@provider.example", Path.of("unused"), 10, maxAttempts, firstDelay,
                maxDelay, Duration.ofMinutes(10));
    }

    private OutboxDispatcher dispatcher(MailTransport transport, MailSettings settings) {
        MailTransport counting = mail -> {
            tries.incrementAndGet();
            transport.send(mail);
        };
        return new OutboxDispatcher(jdbc, invitationMails, counting, settings, locks, clock);
    }

    private OutboxDispatcher dispatcher(MailTransport transport) {
        return dispatcher(transport, settings(5, Duration.ofMinutes(1), Duration.ofHours(1)));
    }

    /** Dispatches until a mail was tried: the shared context's dispatcher holds the lock for moments. */
    private void dispatchUntilTried(OutboxDispatcher dispatcher) {
        int before = tries.get();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            dispatcher.dispatch();
            return tries.get() > before;
        });
    }

    private static List<String> received() {
        return Arrays.stream(smtpServer.getReceivedMessages()).map(OutboxDispatcherIntegrationTests::recipient)
                .toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoNodesDispatchingTheSameMailsAtOnceSendEachOnce() throws Exception {
        List<String> recipients = queue(3);
        MailTransport smtp = SmtpOutboxIntegrationTests.smtpTransport(smtpServer.getSmtp().getPort());
        var firstNodeSending = new CountDownLatch(1);
        var goOn = new CountDownLatch(1);
        OutboxDispatcher firstNode = dispatcher(mail -> {
            firstNodeSending.countDown();
            goOn.await(30, TimeUnit.SECONDS);
            smtp.send(mail);
        });
        OutboxDispatcher secondNode = dispatcher(smtp);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> dispatchUntilTried(firstNode));
        assertThat(firstNodeSending.await(30, TimeUnit.SECONDS)).isTrue();
        int sentBySecond = secondNode.dispatch();
        goOn.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThat(sentBySecond).isZero();
        assertThat(received()).containsExactlyInAnyOrderElementsOf(recipients);
        assertThat(recipients).allSatisfy(r -> assertThat(row(r).status()).isEqualTo("SENT"));
    }

    @Test
    void aMailThatFailsWaitsTwiceAsLongAfterEachFailureUpToTheLongestWaitThenFails(CapturedOutput output) {
        String recipient = queue(1).get(0);
        OutboxDispatcher dispatcher = dispatcher(mail -> {
            throw new IllegalStateException("550 mailbox unavailable");
        }, settings(5, Duration.ofMinutes(1), Duration.ofMinutes(5)));

        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(5))) {
            dispatchUntilTried(dispatcher);
            Row failed = row(recipient);
            assertThat(failed.status()).isEqualTo("PENDING");
            assertThat(failed.nextAttemptAt().toInstant()).isEqualTo(clock.instant().plus(wait));
            clock.move(wait);
        }
        dispatchUntilTried(dispatcher);

        assertThat(row(recipient)).extracting(Row::status, Row::attempts).containsExactly("FAILED", 5);
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ")))
                .noneMatch(line -> line.contains(recipient))
                .filteredOn(line -> line.contains("is marked FAILED")).hasSize(1);
    }

    @Test
    void whileTheServerCannotBeReachedEachDispatchTriesOneMailAndTheOutageIsLoggedOnce(CapturedOutput output)
            throws Exception {
        List<String> recipients = queue(3);
        var server = new AtomicReference<>(SmtpOutboxIntegrationTests.smtpTransport(
                SmtpOutboxIntegrationTests.closedPort()));
        OutboxDispatcher dispatcher = dispatcher(mail -> server.get().send(mail));

        dispatchUntilTried(dispatcher);
        dispatchUntilTried(dispatcher);

        assertThat(recipients).extracting(r -> row(r).attempts()).containsExactly(1, 1, 0);
        assertThat(tries).hasValue(2);

        server.set(SmtpOutboxIntegrationTests.smtpTransport(smtpServer.getSmtp().getPort()));
        dispatchUntilTried(dispatcher);
        assertThat(received()).containsExactly(recipients.get(2));
        clock.move(Duration.ofMinutes(1));
        dispatchUntilTried(dispatcher);

        assertThat(received()).containsExactlyInAnyOrderElementsOf(recipients);
        assertThat(recipients).allSatisfy(r -> assertThat(row(r).status()).isEqualTo("SENT"));
        List<String> warnings = output.getAll().lines().filter(line -> line.contains(" WARN ")).toList();
        assertThat(warnings).filteredOn(line -> line.contains("The mail server cannot be used")).hasSize(1);
        assertThat(warnings).noneMatch(line -> recipients.stream().anyMatch(line::contains));
        assertThat(output.getAll().lines().filter(line -> line.contains("The mail server can be used again")))
                .hasSize(1);
    }

    /**
     * An invitation mail's link is issued when it is rendered and replaces the invitation's earlier link: a dispatch
     * stopped by an outage must not have replaced the links of the many mails it never sent.
     */
    @Test
    void anOutageLeavesTheLinksOfTheMailsNotTriedAlone() throws Exception {
        String email = World.unique("links") + "@example.org";
        jdbc.sql("""
                INSERT INTO invitation (kind, org_id, email, email_norm, status, expires_at, created_at)
                VALUES ('GROUP', ?, ?, ?, 'PENDING', ?, ?)""")
                .params(world.org(1, 1).org().id(), email, email, at(LATER), OffsetDateTime.now()).update();
        long invitationId = jdbc.sql("SELECT id FROM invitation WHERE email_norm = ?").param(email)
                .query(Long.class).single();
        for (int i = 0; i < 3 * OutboxDispatcher.RENDERED_AT_ONCE; i++) {
            jdbc.sql("""
                    INSERT INTO outbox_mail (template, recipient, invitation_id, status, created_at, next_attempt_at)
                    VALUES (?, ?, ?, 'PENDING', ?, ?)""")
                    .params(TEMPLATE, email, invitationId, OffsetDateTime.now(), at(LATER)).update();
        }
        List<Integer> renderedAtOnce = new CopyOnWriteArrayList<>();
        InvitationMailRenderer counting = mails -> {
            renderedAtOnce.add(mails.size());
            return invitationMails.render(mails);
        };
        var unreachable = SmtpOutboxIntegrationTests.smtpTransport(SmtpOutboxIntegrationTests.closedPort());
        OutboxDispatcher dispatcher = new OutboxDispatcher(jdbc, counting, mail -> {
            tries.incrementAndGet();
            unreachable.send(mail);
        }, new MailSettings("smtp", "seats@provider.example", Path.of("unused"), 3 * OutboxDispatcher.RENDERED_AT_ONCE,
                5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10)), locks, clock);

        dispatchUntilTried(dispatcher);

        assertThat(tries).hasValue(1);
        assertThat(renderedAtOnce).containsExactly(OutboxDispatcher.RENDERED_AT_ONCE);
    }

    /** A million invitation mails of one import must not hold back an alert to support for hours. */
    @Test
    void aBulkImportsMailsGoAfterEveryOtherMailWaiting() {
        String bulkRecipient = World.unique("bulk") + "@example.org";
        jdbc.sql("""
                INSERT INTO outbox_mail (template, recipient, subject, body, status, created_at, next_attempt_at, bulk)
                VALUES (?, ?, 'Bulk', 'Body', 'PENDING', ?, ?, TRUE)""")
                .params(TEMPLATE, bulkRecipient, OffsetDateTime.now(), at(LATER)).update();
        List<String> later = queue(2);
        List<String> sentInOrder = new CopyOnWriteArrayList<>();

        dispatchUntilTried(dispatcher(mail -> sentInOrder.add(mail.to())));

        assertThat(sentInOrder).containsExactly(later.get(0), later.get(1), bulkRecipient);
    }

    @Test
    void aDispatchTakesNoFurtherMailOnceHalfItsLockTimeHasPassed() {
        List<String> recipients = queue(3);
        MailTransport smtp = SmtpOutboxIntegrationTests.smtpTransport(smtpServer.getSmtp().getPort());
        OutboxDispatcher slowServer = dispatcher(mail -> {
            smtp.send(mail);
            clock.move(Duration.ofMinutes(3));
        });

        dispatchUntilTried(slowServer);

        assertThat(recipients).extracting(r -> row(r).status()).containsExactly("SENT", "SENT", "PENDING");
        dispatchUntilTried(slowServer);
        assertThat(received()).containsExactlyInAnyOrderElementsOf(recipients);
    }
}
