package com.seatflow.notification;

import static com.seatflow.TestFixtures.BULK_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.seatflow.ImportAwait;
import com.seatflow.SeatflowIntegrationTest;
import com.seatflow.TestFixtures.Org;
import com.seatflow.TestFixtures.World;
import com.seatflow.imports.ImportJob;
import com.seatflow.imports.ImportManagement;
import com.seatflow.imports.ImportStatus;

/**
 * The outbox's two transports. The SMTP one is built by hand against GreenMail (the shared context sends .eml files,
 * and the suite keeps one context); the eml one is the shared context's, fed by a real approved import.
 */
@SeatflowIntegrationTest
class SmtpOutboxIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtpServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]+)");
    static final Set<String> TABLES_THAT_COULD_HOLD_A_TOKEN = Set.of("invitation", "outbox_mail", "import_job",
            "import_row", "import_error", "seat_ledger", "user_account", "act_ru_variable", "act_hi_varinst",
            "act_hi_detail", "act_ru_task", "act_hi_taskinst");

    @Autowired
    World world;
    @Autowired
    ImportManagement imports;
    @Autowired
    MailSettings mailSettings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    /** The smtp transport towards a server on this machine. */
    static MailTransport smtpTransport(int port) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        MailSettings settings = new MailSettings("smtp", "seats@provider.example", Path.of("unused"), 10, 3,
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10));
        return new MailTransports().smtpTransport(sender, settings);
    }

    /** A port nothing listens on. */
    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theSmtpTransportDeliversTheMailWithSenderRecipientSubjectAndBody() throws Exception {
        MailTransport smtp = smtpTransport(smtpServer.getSmtp().getPort());

        smtp.send(new OutgoingMail(41L, "learner@example.org", "Acme invites you to Data Science — Run 1",
                "Hello Zoë,\n\nAccept here: http://localhost:8080/invitations/abc-123\n"));

        assertThat(smtpServer.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = smtpServer.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Acme invites you to Data Science — Run 1");
        assertThat(received.getFrom()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("seats@provider.example");
        assertThat(received.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("learner@example.org");
        assertThat((String) received.getContent()).contains("Hello Zoë,")
                .contains("http://localhost:8080/invitations/abc-123");
    }

    @Test
    void theSmtpTransportTellsWhenTheServerCannotBeReachedSoTheOutboxWaitsForIt() throws IOException {
        MailTransport smtp = smtpTransport(closedPort());

        assertThatThrownBy(() -> smtp.send(new OutgoingMail(42L, "learner@example.org", "Hi", "Body")))
                .isInstanceOf(MailServerUnavailableException.class).hasCauseInstanceOf(MailException.class);
    }

    @Test
    void anApprovedImportsInvitationsAreSentAsEmlFilesWithALinkWhoseTokenIsStoredOnlyAsAHash() throws Exception {
        Org org = world.org(10, 5);
        String csv = "external_learner_id,email,program_code,program_run_code,expiry_time\n"
                + "L1,ann@example.org," + org.programmeCode() + "," + org.run1() + "," + BULK_EXPIRY + "\n"
                + "L2,ben@example.org," + org.programmeCode() + "," + org.run2() + "," + BULK_EXPIRY + "\n";
        ImportJob job = ImportAwait.until(imports, world.submit(org, "programme", csv), ImportStatus.AWAITING_REVIEW);

        imports.decide(org.org().code(), job.id(), true, org.adminUser(), null);
        ImportAwait.until(imports, job, ImportStatus.COMPLETED);

        record Sent(long outboxId, long invitationId, String recipient, String tokenHash) {
        }
        // The outbox is sent oldest first: allow for a backlog left by other tests' large imports.
        List<Sent> sent = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc
                .sql("""
                        SELECT m.id AS outbox_id, i.id AS invitation_id, m.recipient, i.token_hash
                          FROM outbox_mail m JOIN invitation i ON i.id = m.invitation_id
                         WHERE i.import_id = ? AND m.status = 'SENT' ORDER BY m.id""")
                .param(job.id()).query(Sent.class).list(), rows -> rows.size() == 2);

        assertThat(mailSettings.emlDir().normalize().toString()).contains("test-data").endsWith("mail-outbox");
        List<String> tokens = new ArrayList<>();
        for (Sent mail : sent) {
            Path eml = mailSettings.emlDir().resolve("mail-" + mail.outboxId() + ".eml");
            assertThat(eml).exists();
            MimeMessage message = read(eml);
            assertThat(message.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly(mail.recipient());
            assertThat(message.getSubject()).contains(org.org().name());
            Matcher link = LINK.matcher((String) message.getContent());
            assertThat(link.find()).as("an /invitations/ link in mail %d", mail.outboxId()).isTrue();
            String token = link.group(1);
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);
            assertThat(mail.tokenHash()).isEqualTo(sha256Hex(token)).isNotEqualTo(token);
            tokens.add(token);
        }
        assertThat(sent).extracting(Sent::recipient).containsExactlyInAnyOrder("ann@example.org", "ben@example.org");
        assertThat(tokens).doesNotHaveDuplicates();
        for (String token : tokens) {
            assertThat(tableColumnsHolding(token)).as("columns holding the token in clear").isEmpty();
        }
    }

    private static MimeMessage read(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            var message = new MimeMessage(Session.getInstance(new Properties()), in);
            message.getContent();
            return message;
        }
    }

    private static String sha256Hex(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every character column of the tables a token could end up in, searched for the token. */
    private List<String> tableColumnsHolding(String token) throws Exception {
        List<String> columns = JdbcUtils.extractDatabaseMetaData(dataSource, (DatabaseMetaData meta) -> {
            List<String> found = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    String schema = rs.getString("TABLE_SCHEM");
                    int type = rs.getInt("DATA_TYPE");
                    boolean text = type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR
                            || type == Types.CLOB || type == Types.NVARCHAR;
                    if (text && TABLES_THAT_COULD_HOLD_A_TOKEN.contains(table.toLowerCase())
                            && !"INFORMATION_SCHEMA".equalsIgnoreCase(schema)
                            && !"pg_catalog".equalsIgnoreCase(schema)) {
                        found.add(table + "." + rs.getString("COLUMN_NAME"));
                    }
                }
            }
            return found;
        });
        assertThat(columns).as("the invitation table's text columns were found")
                .anySatisfy(c -> assertThat(c).isEqualToIgnoringCase("invitation.token_hash"));
        List<String> holding = new ArrayList<>();
        for (String column : columns) {
            int hits = jdbc.sql("SELECT COUNT(*) FROM " + column.substring(0, column.indexOf('.')) + " WHERE POSITION(? IN "
                    + column.substring(column.indexOf('.') + 1) + ") > 0").param(token).query(Integer.class).single();
            if (hits > 0) {
                holding.add(column);
            }
        }
        return holding;
    }
}
