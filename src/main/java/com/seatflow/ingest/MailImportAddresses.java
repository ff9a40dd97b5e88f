package com.seatflow.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;

/**
 * Each organisation's address in the import mailbox. The secret tag in it (128 random bits, hex) is returned once,
 * when it is made; only its SHA-256 is stored (a slow hash adds nothing to 128 random bits). Making a new one
 * replaces the old, which stops working at once.
 */
@Service
public class MailImportAddresses {

    private static final int TAG_BYTES = 16;

    private final JdbcClient jdbc;
    private final OrganisationManagement organisations;
    private final MailboxSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MailImportAddresses(JdbcClient jdbc, OrganisationManagement organisations, MailboxSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.settings = settings;
        this.clock = clock;
    }

    /** The address as its admins see it after it was made: when and by whom, the tag masked. */
    public record Issued(String orgCode, String maskedAddress, String createdBy, Instant createdAt) {
    }

    /** A new address for the organisation, replacing any earlier one; the only time the full address is shown. */
    @Transactional
    public String renew(String orgCode, String createdBy) {
        if (!settings.enabled()) {
            throw new ConflictException("The import mailbox is not enabled on this server (seatflow.mailbox.enabled); "
                    + "ask your provider to set it up");
        }
        Organisation org = organisations.require(orgCode);
        organisations.lock(org.id());
        byte[] secret = new byte[TAG_BYTES];
        random.nextBytes(secret);
        String tag = HexFormat.of().formatHex(secret);
        jdbc.sql("DELETE FROM mail_import_address WHERE org_id = ?").param(org.id()).update();
        jdbc.sql("INSERT INTO mail_import_address (org_id, tag_hash, created_by, created_at) VALUES (?, ?, ?, ?)")
                .params(org.id(), hash(tag), createdBy, OffsetDateTime.now(clock)).update();
        return new MailImportAddress(org.code(), tag).format(settings.address());
    }

    public Issued describe(String orgCode) {
        Organisation org = organisations.require(orgCode);
        record Row(String createdBy, OffsetDateTime createdAt) {
        }
        Row row = jdbc.sql("SELECT created_by, created_at FROM mail_import_address WHERE org_id = ?").param(org.id())
                .query(Row.class).optional()
                .orElseThrow(() -> new NotFoundException("Organisation " + orgCode + " has no mail import address; "
                        + "POST to make one"));
        return new Issued(org.code(), new MailImportAddress(org.code(), "…").format(settings.address()),
                row.createdBy(), row.createdAt().toInstant());
    }

    /** Stops the organisation's address from working. */
    @Transactional
    public void revoke(String orgCode) {
        Organisation org = organisations.require(orgCode);
        if (jdbc.sql("DELETE FROM mail_import_address WHERE org_id = ?").param(org.id()).update() == 0) {
            throw new NotFoundException("Organisation " + orgCode + " has no mail import address");
        }
    }

    /** The organisation whose current address this is; empty for an unknown organisation or a wrong or old tag. */
    Optional<Organisation> owner(MailImportAddress address) {
        return organisations.findByCode(address.orgCode()).filter(org -> jdbc
                .sql("SELECT tag_hash FROM mail_import_address WHERE org_id = ?").param(org.id()).query(String.class)
                .optional()
                .filter(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                        hash(address.tag().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII)))
                .isPresent());
    }

    private static String hash(String tag) {
        return DigestUtils.sha256Hex(tag);
    }
}
