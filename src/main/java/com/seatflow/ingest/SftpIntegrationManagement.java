package com.seatflow.ingest;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.imports.ImportFormat;
import com.seatflow.imports.ImportFormats;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;

/**
 * An organisation's SFTP integrations: create, list, change, delete. Every change is checked whole before anything is
 * stored; the secret is stored encrypted ({@link SftpSecrets}) and never handed out again.
 */
@Service
public class SftpIntegrationManagement {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern FOLDER = Pattern.compile("/?(?:[A-Za-z0-9._-]+/?)*");
    private static final int MAX_FOLDER = 500;
    private static final int MAX_PASSWORD = 1000;

    private final SftpIntegrations integrations;
    private final SftpSecrets secrets;
    private final SftpHealth health;
    private final OrganisationManagement organisations;
    private final ImportFormats formats;
    private final ApplicationEventPublisher events;

    SftpIntegrationManagement(SftpIntegrations integrations, SftpSecrets secrets, SftpHealth health,
            OrganisationManagement organisations, ImportFormats formats, ApplicationEventPublisher events) {
        this.integrations = integrations;
        this.secrets = secrets;
        this.health = health;
        this.organisations = organisations;
        this.formats = formats;
        this.events = events;
    }

    public List<SftpIntegrationView> list(String orgCode) {
        return integrations.ofOrg(organisations.require(orgCode).id()).stream().map(this::view).toList();
    }

    public SftpIntegrationView get(String orgCode, long id) {
        return view(require(orgCode, id));
    }

    @Transactional
    public SftpIntegrationView create(String orgCode, SftpIntegrationRequest request, String createdBy) {
        Organisation org = organisations.require(orgCode);
        boolean hasPassword = present(request.password());
        boolean hasKey = present(request.privateKey());
        if (hasPassword == hasKey) {
            throw new IllegalArgumentException("Give either a password or a privateKey (PEM), not "
                    + (hasPassword ? "both" : "neither"));
        }
        SftpIntegrations.Settings settings = settings(org, request, null);
        organisations.lock(org.id());
        refuseSecondFor(org, settings, null);
        long id = integrations.insert(org.id(), settings, createdBy);
        events.publishEvent(new SftpIntegrationChanged(id));
        return get(orgCode, id);
    }

    /**
     * Replaces the settings; a request without password and privateKey keeps the stored secret, one without hostKey
     * keeps the pinned host key.
     */
    @Transactional
    public SftpIntegrationView update(String orgCode, long id, SftpIntegrationRequest request) {
        SftpIntegration existing = require(orgCode, id);
        if (present(request.password()) && present(request.privateKey())) {
            throw new IllegalArgumentException("Give either a password or a privateKey (PEM), not both");
        }
        Organisation org = organisations.require(orgCode);
        SftpIntegrations.Settings settings = settings(org, request, existing);
        organisations.lock(org.id());
        refuseSecondFor(org, settings, id);
        integrations.update(id, settings);
        events.publishEvent(new SftpIntegrationChanged(id));
        return get(orgCode, id);
    }

    @Transactional
    public void delete(String orgCode, long id) {
        require(orgCode, id);
        integrations.delete(id);
        events.publishEvent(new SftpIntegrationChanged(id));
    }

    /**
     * One integration per server account and folder: a second would poll the same files (a double-clicked create made
     * two). Runs under the organisation's lock, so two requests at once cannot both pass.
     */
    private void refuseSecondFor(Organisation org, SftpIntegrations.Settings settings, Long changed) {
        integrations.ofOrg(org.id()).stream()
                .filter(other -> changed == null || other.id() != changed)
                .filter(other -> other.host().equalsIgnoreCase(settings.host()) && other.port() == settings.port()
                        && other.username().equals(settings.username())
                        && other.remoteFolder().equals(settings.remoteFolder()))
                .findFirst().ifPresent(other -> {
                    throw new ConflictException("Organisation " + org.code() + " already has SFTP integration "
                            + other.id() + " for " + other.username() + "@" + other.host() + ":"
                            + other.port() + " folder '" + other.remoteFolder() + "'; change that one (PUT "
                            + "/api/orgs/" + org.code() + "/integrations/sftp/" + other.id() + ") instead");
                });
    }

    private SftpIntegration require(String orgCode, long id) {
        Organisation org = organisations.require(orgCode);
        return integrations.find(id).filter(i -> i.orgId() == org.id())
                .orElseThrow(() -> new NotFoundException("Organisation " + orgCode + " has no SFTP integration " + id));
    }

    private SftpIntegrationView view(SftpIntegration integration) {
        return SftpIntegrationView.of(integration, health.statusOf(integration.id()));
    }

    private SftpIntegrations.Settings settings(Organisation org, SftpIntegrationRequest request,
            SftpIntegration existing) {
        String host = required("host", request.host());
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or IPv4 address");
        }
        int port = request.port() == null ? 22 : request.port();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
        String username = required("username", request.username());
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username may contain letters, digits, '.', '_' and '-' only "
                    + "(at most 100)");
        }
        String folder = folder(request.remoteFolder());
        String format = required("format", request.format());
        ImportFormat importFormat = formats.requireNamed(format);
        String group = group(org, importFormat, request.group());
        if (SftpPrivateKey.given(request.privateKeyPassphrase()) && !present(request.privateKey())) {
            throw new IllegalArgumentException("privateKeyPassphrase goes with a privateKey: send both");
        }
        SftpAuthentication authentication;
        String encrypted;
        String encryptedPassphrase = null;
        if (present(request.password())) {
            authentication = SftpAuthentication.PASSWORD;
            encrypted = secrets.encrypt(org.id(), checkedPassword(request.password()));
        } else if (present(request.privateKey())) {
            authentication = SftpAuthentication.PRIVATE_KEY;
            String passphrase = request.privateKeyPassphrase();
            encrypted = secrets.encrypt(org.id(), SftpPrivateKey.checked(request.privateKey(), passphrase));
            if (SftpPrivateKey.given(passphrase)) {
                encryptedPassphrase = secrets.encrypt(org.id(), passphrase);
            }
        } else {
            if (!host.equals(existing.host()) || port != existing.port() || !username.equals(existing.username())) {
                // the stored secret goes only to the server and account it was given for
                throw new IllegalArgumentException("A change of host, port or username needs the password or"
                        + " privateKey again: the stored one is sent only to the server it was given for");
            }
            authentication = existing.authentication();
            encrypted = existing.encryptedSecret();
            encryptedPassphrase = existing.encryptedPassphrase();
        }
        return new SftpIntegrations.Settings(host, port, username, authentication, encrypted, encryptedPassphrase,
                folder, format, group, hostKey(request.hostKey(), existing));
    }

    /**
     * A change that leaves the host key out keeps the pin, like the secret: a client that does not know the field
     * must not switch the check off. An empty hostKey removes it.
     */
    private static String hostKey(String requested, SftpIntegration existing) {
        if (requested == null) {
            return existing == null ? null : existing.hostKey();
        }
        return present(requested) ? SftpHostKey.parse(requested).line() : null;
    }

    private String group(Organisation org, ImportFormat format, String group) {
        if (!format.needsGroup()) {
            if (present(group)) {
                throw new IllegalArgumentException("The " + format.name() + " format does not take a group");
            }
            return null;
        }
        if (!present(group)) {
            throw new IllegalArgumentException("The " + format.name() + " format needs a group: name one");
        }
        String code = group.strip();
        organisations.findGroup(org.id(), code).orElseThrow(() -> new IllegalArgumentException(
                "Organisation " + org.code() + " has no group '" + code + "'"));
        return code;
    }

    private static String folder(String folder) {
        String value = folder == null ? "" : folder.strip();
        if (value.length() > MAX_FOLDER || !FOLDER.matcher(value).matches()
                || List.of(value.split("/")).contains("..")) {
            throw new IllegalArgumentException("remoteFolder '" + value + "' must be a path of letters, digits, '.', "
                    + "'_' and '-' separated by '/', without '..' (at most " + MAX_FOLDER + " characters)");
        }
        return value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String checkedPassword(String password) {
        if (password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException("password is longer than " + MAX_PASSWORD + " characters");
        }
        return password;
    }

    private static String required(String field, String value) {
        if (!present(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
