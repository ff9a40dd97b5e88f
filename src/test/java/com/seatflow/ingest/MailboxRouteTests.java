package com.seatflow.ingest;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.StoredMessage;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;
import com.seatflow.notification.MailSettings;

/**
 * The import mailbox end to end: mails delivered into GreenMail's IMAP mailbox ({@link MailTestServer}), read by the
 * real route, imported, and answered through the outbox (whose eml transport the shared context uses).
 */
@SeatflowIntegrationTest
class MailboxRouteTests {

    static final Duration PICK_UP = Duration.ofSeconds(30);
    static final String PROGRAMME_HEADER = "external_learner_id,email,program_code,program_run_code,expiry_time";

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    MailImportAddresses addresses;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    Clock clock;

    private final Session session = Session.getInstance(new Properties());

    record Reply(long id, String template, String subject, String body, String attachmentName, byte[] attachment,
            String status) {
    }

    // ---- helpers ----

    static String adminEmail(Org org) {
        return org.adminUser() + "@example.org";
    }

    static String programmeCsv(Org org, String... learners) {
        StringBuilder csv = new StringBuilder(PROGRAMME_HEADER).append('\n');
        for (String learner : learners) {
            csv.append(learner).append(',').append(learner).append('@').append(org.org().code()).append(".example.org,")
                    .append(org.programmeCode()).append(',').append(org.run1()).append("," + BULK_EXPIRY + "\n");
        }
        return csv.toString();
    }

    private MimeMessage mail(String from, String to, String subject, Map<String, String> attachments) throws Exception {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(from));
        mail.setRecipients(Message.RecipientType.TO, to);
        mail.setSubject(subject);
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please import the attached file.", "UTF-8");
        parts.addBodyPart(text);
        for (var file : attachments.entrySet()) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    file.getValue().getBytes(StandardCharsets.UTF_8), "text/csv")));
            attachment.setFileName(file.getKey());
            attachment.setDisposition(Part.ATTACHMENT);
            parts.addBodyPart(attachment);
        }
        mail.setContent(parts);
        mail.saveChanges();
        return mail;
    }

    private MimeMessage mail(String from, String to, String subject, String fileName, String csv) throws Exception {
        return mail(from, to, subject, Map.of(fileName, csv));
    }

    /** Puts the mail into the import mailbox, as the mail server does on delivery. */
    private static void deliver(MimeMessage mail) throws Exception {
        MailTestServer.mailbox().deliver(new MimeMessage(mail));
    }

    /** Waits until Seatflow has handled (and so marked seen) every delivered copy of the mail. */
    private static void awaitHandled(MimeMessage mail, int copies) throws Exception {
        await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<StoredMessage> delivered = deliveredCopies(mail);
            return delivered.size() == copies && delivered.stream().allMatch(m -> m.isSet(jakarta.mail.Flags.Flag.SEEN));
        });
    }

    private static List<StoredMessage> deliveredCopies(MimeMessage mail) throws Exception {
        List<StoredMessage> delivered = new ArrayList<>();
        for (StoredMessage stored : MailTestServer.server().getManagers().getImapHostManager()
                .getInbox(MailTestServer.mailbox()).getMessages()) {
            if (mail.getMessageID().equals(stored.getMimeMessage().getMessageID())) {
                delivered.add(stored);
            }
        }
        return delivered;
    }

    private ImportJob importNamed(Org org, String fileName) {
        return await().atMost(PICK_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.list(org.org().code()).stream().filter(j -> j.fileName().equals(fileName))
                        .toList(), jobs -> !jobs.isEmpty())
                .get(0);
    }

    private List<Reply> repliesTo(String recipient) {
        return jdbc.sql("""
                SELECT id, template, subject, body, attachment_name, attachment, status FROM outbox_mail
                 WHERE recipient = ? ORDER BY id""").param(recipient).query(Reply.class).list();
    }

    private List<Reply> awaitReplies(String recipient, int count) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> repliesTo(recipient), replies -> replies.size() >= count);
    }

    // ---- tests ----

    @Test
    void aProgrammeFileMailedByAnAdminIsImportedAndTheSenderHearsWhenItAwaitsReviewAndWhenItIsDone() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String fileName = World.unique("cohort-") + ".csv";

        deliver(mail(adminEmail(org), address, "programme", fileName, programmeCsv(org, "L1", "L2")));

        ImportJob job = ImportAwait.until(imports, importNamed(org, fileName), ImportStatus.AWAITING_REVIEW);
        assertThat(job.source()).isEqualTo("EMAIL");
        assertThat(job.format()).isEqualTo("programme");
        assertThat(job.uploadedBy()).isEqualTo(org.adminUser());
        assertThat(job.totalRows()).isEqualTo(2);
        Reply checked = awaitReplies(adminEmail(org), 1).get(0);
        assertThat(checked.template()).isEqualTo(MailImports.OUTCOME);
        assertThat(checked.subject()).isEqualTo("Import #" + job.id() + " of " + org.org().code() + ": AWAITING_REVIEW");
        assertThat(checked.body()).contains(fileName).contains("waits for an admin's review").contains("new: 2");
        assertThat(checked.attachmentName()).isNull();

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        Reply done = awaitReplies(adminEmail(org), 2).get(1);
        assertThat(done.subject()).endsWith(": COMPLETED");
        assertThat(done.body()).contains("was approved and applied").contains("applied: 2");
    }

    @Test
    void aGroupFileNamesItsGroupInTheSubjectAndAReplyPrefixIsIgnored() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String fileName = World.unique("members-") + ".csv";

        deliver(mail(adminEmail(org), address, "Re: group team", fileName,
                "user_email,user_pass,first_name,last_name\n" + World.unique("m") + "@example.org,,Mo,Member\n"));

        ImportJob job = ImportAwait.until(imports, importNamed(org, fileName), ImportStatus.AWAITING_REVIEW);
        assertThat(job.format()).isEqualTo("group");
        assertThat(job.groupId()).isEqualTo(org.group().id());
    }

    @Test
    void aSenderWhoIsNotAnAdminOfTheOrganisationIsRefusedEvenWithTheRightTag() throws Exception {
        Org org = world.org(10, 5);
        Org other = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String stranger = World.unique("someone") + "@example.net";
        MimeMessage forged = mail(stranger, address, "programme", "forged.csv", programmeCsv(org, "F1"));
        MimeMessage otherAdmin = mail(adminEmail(other), address, "group team", "other.csv",
                "user_email,user_pass,first_name,last_name\nx@example.org,,X,Y\n");

        deliver(forged);
        deliver(otherAdmin);
        awaitHandled(forged, 1);
        awaitHandled(otherAdmin, 1);

        assertThat(imports.list(org.org().code())).isEmpty();
        Reply toStranger = awaitReplies(stranger, 1).get(0);
        assertThat(toStranger.template()).isEqualTo(MailImports.REFUSED);
        assertThat(toStranger.subject()).isEqualTo("Not imported: programme");
        assertThat(toStranger.body()).contains(stranger + " is not the address of a Seatflow account");
        assertThat(awaitReplies(adminEmail(other), 1).get(0).body())
                .contains(adminEmail(other) + " is not an admin of " + org.org().code());
    }

    @Test
    void anAdminMailingAWrongOrReplacedTagIsIgnoredWithoutAReply() throws Exception {
        Org org = world.org(10, 5);
        String replaced = addresses.renew(org.org().code(), org.adminUser());
        String current = addresses.renew(org.org().code(), org.adminUser());
        String wrong = current.replaceFirst("\\.[0-9a-f]{32}@", ".0123456789abcdef0123456789abcdef@");
        assertThat(wrong).isNotEqualTo(current);
        MimeMessage toWrong = mail(adminEmail(org), wrong, "programme", "wrong.csv", programmeCsv(org, "W1"));
        MimeMessage toReplaced = mail(adminEmail(org), replaced, "programme", "old.csv", programmeCsv(org, "O1"));

        deliver(toWrong);
        deliver(toReplaced);
        awaitHandled(toWrong, 1);
        awaitHandled(toReplaced, 1);

        assertThat(imports.list(org.org().code())).isEmpty();
        assertThat(repliesTo(adminEmail(org))).isEmpty();
    }

    @Test
    void aRejectedFileIsAnsweredWithItsErrorReportAttached() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String fileName = World.unique("broken-") + ".csv";
        String csv = PROGRAMME_HEADER + "\nL1,not-an-email," + org.programmeCode() + "," + org.run1()
                + "," + BULK_EXPIRY + "\n";

        deliver(mail(adminEmail(org), address, "programme", fileName, csv));

        ImportJob job = ImportAwait.until(imports, importNamed(org, fileName), ImportStatus.REJECTED);
        Reply reply = awaitReplies(adminEmail(org), 1).get(0);
        assertThat(reply.subject()).endsWith(": REJECTED");
        assertThat(reply.body()).contains("was rejected").contains("The error report is attached");
        assertThat(reply.attachmentName()).isEqualTo("import-" + job.id() + "-errors.csv");
        String report = new String(reply.attachment(), StandardCharsets.UTF_8);
        assertThat(report).startsWith("row,column,value,reason\r\n").contains("2,email,not-an-email,");

        // the .eml file appears as soon as the transport starts writing it; the mail is marked SENT once it is whole
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT status FROM outbox_mail WHERE id = ?").param(reply.id())
                        .query(String.class).single(), "SENT"::equals);
        Path eml = mailSettings.emlDir().resolve("mail-" + reply.id() + ".eml");
        Map<String, String> sentFiles = attachmentsOf(eml);
        assertThat(sentFiles).containsOnlyKeys("import-" + job.id() + "-errors.csv");
        assertThat(sentFiles.values().iterator().next()).isEqualTo(report);
    }

    private Map<String, String> attachmentsOf(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage sent = new MimeMessage(session, in);
            Map<String, String> files = new LinkedHashMap<>();
            Multipart parts = (Multipart) sent.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                var part = parts.getBodyPart(i);
                if (part.getFileName() != null) {
                    files.put(part.getFileName(), new String(part.getInputStream().readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
            return files;
        }
    }

    @Test
    void theSameMailDeliveredTwiceBecomesOneImport() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String fileName = World.unique("twice-") + ".csv";
        MimeMessage mail = mail(adminEmail(org), address, "programme", fileName, programmeCsv(org, "T1"));

        deliver(mail);
        deliver(mail);
        awaitHandled(mail, 2);

        ImportAwait.until(imports, importNamed(org, fileName), ImportStatus.AWAITING_REVIEW);
        assertThat(imports.list(org.org().code())).hasSize(1);
        assertThat(awaitReplies(adminEmail(org), 1)).hasSize(1);
    }

    @Test
    void aMailAnotherNodeHoldsStaysUnseenAndIsImportedOnceThatNodesClaimIsStale() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String fileName = World.unique("held-") + ".csv";
        MimeMessage mail = mail(adminEmail(org), address, "programme", fileName, programmeCsv(org, "H1"));
        String key = MailboxRoutes.KEY_PREFIX + DigestUtils.sha256Hex(mail.getMessageID());
        // another node claimed the mail a moment ago and has not finished it (or died doing it)
        jdbc.sql("INSERT INTO inbound_message_id (processorName, messageId, createdAt) VALUES ('seatflow-inbound', ?, ?)")
                .params(key, Timestamp.from(clock.instant())).update();

        deliver(mail);

        // polls every 200 ms find it held: neither imported nor marked seen (and so not lost)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> imports.list(org.org().code()).isEmpty()
                        && deliveredCopies(mail).stream().noneMatch(m -> m.isSet(jakarta.mail.Flags.Flag.SEEN)));

        jdbc.sql("UPDATE inbound_message_id SET createdAt = ? WHERE messageId = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofMinutes(11))), key).update();
        awaitHandled(mail, 1);
        ImportAwait.until(imports, importNamed(org, fileName), ImportStatus.AWAITING_REVIEW);
        assertThat(imports.list(org.org().code())).hasSize(1);
        assertThat(jdbc.sql("SELECT confirmedAt FROM inbound_message_id WHERE messageId = ?").param(key)
                .query(Timestamp.class).single()).as("confirmed once handled, never taken over again").isNotNull();
    }

    @Test
    void theSameFileInASecondMailIsADuplicateAndTheSenderIsToldSo() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String csv = programmeCsv(org, "D1");
        String firstName = World.unique("first-") + ".csv";
        deliver(mail(adminEmail(org), address, "programme", firstName, csv));
        ImportJob first = ImportAwait.until(imports, importNamed(org, firstName), ImportStatus.AWAITING_REVIEW);
        awaitReplies(adminEmail(org), 1);

        String againName = World.unique("again-") + ".csv";
        deliver(mail(adminEmail(org), address, "programme", againName, csv));

        ImportJob again = importNamed(org, againName);
        assertThat(again.status()).isEqualTo(ImportStatus.DUPLICATE);
        assertThat(again.duplicateOf()).isEqualTo(first.id());
        Reply duplicate = awaitReplies(adminEmail(org), 2).get(1);
        assertThat(duplicate.subject()).endsWith(": DUPLICATE");
        assertThat(duplicate.body()).contains("The same file was uploaded before: it is import #" + first.id());
    }

    @Test
    void aMailWithoutACsvWithSeveralOrWithAnUnknownFormatIsRefusedWithTheReason() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        String csv = programmeCsv(org, "N1");
        MimeMessage none = mail(adminEmail(org), address, "programme", Map.of());
        MimeMessage two = mail(adminEmail(org), address, "programme", Map.of("a.csv", csv, "b.csv", csv + "\n"));
        MimeMessage unknown = mail(adminEmail(org), address, "invoices", "c.csv", csv);
        MimeMessage empty = mail(adminEmail(org), address, "", "d.csv", csv);

        for (MimeMessage mail : List.of(none, two, unknown, empty)) {
            deliver(mail);
            awaitHandled(mail, 1);
        }

        assertThat(imports.list(org.org().code())).isEmpty();
        assertThat(awaitReplies(adminEmail(org), 4)).extracting(Reply::body).satisfiesExactlyInAnyOrder(
                body -> assertThat(body).contains("The mail has no CSV attachment"),
                body -> assertThat(body).contains("The mail has 2 CSV attachments"),
                body -> assertThat(body).contains("Unknown import format 'invoices'"),
                body -> assertThat(body).contains("The subject is empty"));
    }

    @Test
    void anAutomaticReplyToTheImportAddressGetsNoAnswerSoNoMailLoopStarts() throws Exception {
        Org org = world.org(10, 5);
        String address = addresses.renew(org.org().code(), org.adminUser());
        MimeMessage outOfOffice = mail(adminEmail(org), address, "Out of office: programme", Map.of());
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.saveChanges();
        MimeMessage byHand = mail(adminEmail(org), address, "programme", Map.of());

        deliver(outOfOffice);
        awaitHandled(outOfOffice, 1);
        deliver(byHand);
        awaitHandled(byHand, 1);

        assertThat(awaitReplies(adminEmail(org), 1)).singleElement()
                .satisfies(reply -> assertThat(reply.body()).contains("The mail has no CSV attachment"));
    }

    @Test
    void theMailboxHealthIsUpWhileItCanBeRead() throws Exception {
        // health shows its components to support only
        var support = rest.withBasicAuth("support", "support-demo-pass");
        JsonNode health = await().atMost(PICK_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> support.getForObject("/actuator/health", JsonNode.class),
                        json -> "UP".equals(json.path("components").path("mailbox").path("status").asText()));

        assertThat(health.path("components").path("mailbox").path("details").path("mailbox").asText())
                .startsWith("imap://127.0.0.1:").endsWith("/INBOX");
    }
}
