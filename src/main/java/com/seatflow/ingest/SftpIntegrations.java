package com.seatflow.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code sftp_integration} table. */
@Repository
class SftpIntegrations {

    private static final String SELECT = """
            SELECT s.*, o.code AS org_code FROM sftp_integration s JOIN organisation o ON o.id = s.org_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    SftpIntegrations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The connection details and target of an integration, as validated; the secret already encrypted. */
    record Settings(String host, int port, String username, SftpAuthentication authentication, String encryptedSecret,
            String encryptedPassphrase, String remoteFolder, String format, String groupCode, String hostKey) {
    }

    long insert(long orgId, Settings settings, String createdBy) {
        var key = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                INSERT INTO sftp_integration (org_id, host, port, username, auth_method, secret, secret_passphrase,
                                              remote_folder, format, group_code, host_key, created_by, created_at,
                                              updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, settings.host(), settings.port(), settings.username(), settings.authentication().name(),
                        settings.encryptedSecret(), settings.encryptedPassphrase(), settings.remoteFolder(), settings.format(), settings.groupCode(),
                        settings.hostKey(), createdBy, now, now)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void update(long id, Settings settings) {
        jdbc.sql("""
                UPDATE sftp_integration SET host = ?, port = ?, username = ?, auth_method = ?, secret = ?,
                       secret_passphrase = ?, remote_folder = ?, format = ?, group_code = ?, host_key = ?, updated_at = ?
                 WHERE id = ?""")
                .params(settings.host(), settings.port(), settings.username(), settings.authentication().name(),
                        settings.encryptedSecret(), settings.encryptedPassphrase(), settings.remoteFolder(), settings.format(), settings.groupCode(),
                        settings.hostKey(), OffsetDateTime.now(clock), id)
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM sftp_integration WHERE id = ?").param(id).update() == 1;
    }

    Optional<SftpIntegration> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(SftpIntegrations::map).optional();
    }

    List<SftpIntegration> ofOrg(long orgId) {
        return jdbc.sql(SELECT + " WHERE s.org_id = ? ORDER BY s.id").param(orgId).query(SftpIntegrations::map).list();
    }

    List<SftpIntegration> all() {
        return jdbc.sql(SELECT + " ORDER BY s.id").query(SftpIntegrations::map).list();
    }

    private static SftpIntegration map(ResultSet rs, int row) throws SQLException {
        return new SftpIntegration(rs.getLong("id"), rs.getLong("org_id"), rs.getString("org_code"),
                rs.getString("host"), rs.getInt("port"), rs.getString("username"),
                SftpAuthentication.valueOf(rs.getString("auth_method")), rs.getString("secret"),
                rs.getString("secret_passphrase"),
                rs.getString("remote_folder"), rs.getString("format"), rs.getString("group_code"), rs.getString("host_key"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
