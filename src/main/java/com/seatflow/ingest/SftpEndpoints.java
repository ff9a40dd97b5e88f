package com.seatflow.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.springframework.stereotype.Component;

/**
 * Builds Camel sftp endpoints for an integration. The secret is decrypted here and handed to the endpoint's
 * configuration object, never put into the URI, so it cannot show up in logged endpoint URIs, route dumps or JMX.
 * Each call makes a new endpoint (not registered in the context), so a changed password never meets a cached one.
 * With a pinned host key the endpoint knows only that key ({@code knownHosts}, strict checking), so a server showing
 * another key is refused before the secret is sent; without one any host key is accepted.
 */
@Component
class SftpEndpoints {

    private final CamelContext camel;
    private final SftpSecrets secrets;
    private final SftpSettings settings;

    SftpEndpoints(CamelContext camel, SftpSecrets secrets, SftpSettings settings) {
        this.camel = camel;
        this.secrets = secrets;
        this.settings = settings;
    }

    /**
     * An endpoint on {@code folder} (relative to the integration's remote folder; empty for the folder itself) with
     * the given extra URI options.
     */
    SftpEndpoint endpoint(SftpIntegration integration, String folder, String options) throws Exception {
        String path = integration.remoteFolder().isEmpty() ? folder
                : folder.isEmpty() ? integration.remoteFolder() : integration.remoteFolder() + "/" + folder;
        int timeout = (int) settings.connectTimeout().toMillis();
        SftpHostKey hostKey = integration.pinnedHostKey();
        String uri = "sftp://" + integration.host() + ":" + integration.port() + "/" + path + "?username="
                + integration.username() + "&useUserKnownHostsFile=false&jschLoggingLevel=ERROR&connectTimeout=" + timeout + "&timeout="
                + timeout + "&soTimeout=" + timeout + "&throwExceptionOnConnectFailed=true"
                + "&maximumReconnectAttempts=0&strictHostKeyChecking=" + (hostKey == null ? "no" : "yes") + "&"
                + options;
        SftpEndpoint endpoint = (SftpEndpoint) camel.getComponent("sftp").createEndpoint(uri);
        if (hostKey != null) {
            endpoint.getConfiguration().setKnownHosts(hostKey.knownHosts(integration.host(), integration.port()));
        }
        String secret = secrets.decrypt(integration.orgId(), integration.encryptedSecret());
        if (integration.authentication() == SftpAuthentication.PASSWORD) {
            endpoint.getConfiguration().setPassword(secret);
        } else {
            endpoint.getConfiguration().setPrivateKey(secret.getBytes(StandardCharsets.UTF_8));
            if (integration.encryptedPassphrase() != null) {
                endpoint.getConfiguration().setPrivateKeyPassphrase(
                        secrets.decrypt(integration.orgId(), integration.encryptedPassphrase()));
            }
        }
        return endpoint;
    }
}
