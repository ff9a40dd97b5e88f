package com.seatflow.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on a temporary folder, with one user and a random password; started with
 * {@link #startForKey}, the user signs in with that public key instead.
 */
final class SftpTestServer implements AutoCloseable {

    static final String USER = "partner";

    final String password;
    final Path root;
    private final SshServer sshd;

    private SftpTestServer(Path root, int port, String password) throws IOException {
        this(root, port, password, null);
    }

    private SftpTestServer(Path root, int port, String password, String authorizedKey) throws IOException {
        this.root = root;
        this.password = password;
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("localhost");
        sshd.setPort(port);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        if (authorizedKey == null) {
            sshd.setPasswordAuthenticator((user, pass, session) -> USER.equals(user) && password.equals(pass));
        } else {
            sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                    && authorizedKey.equals(PublicKeyEntry.toString(key)));
        }
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
    }

    /** Starts on a free port, with a random password. */
    static SftpTestServer start() throws IOException {
        return start(0, randomPassword());
    }

    static SftpTestServer start(int port, String password) throws IOException {
        return new SftpTestServer(newRoot(), port, password);
    }

    /** Starts on a free port; the user signs in with the key whose public half is {@code authorizedKey}. */
    static SftpTestServer startForKey(String authorizedKey) throws IOException {
        return new SftpTestServer(newRoot(), 0, null, authorizedKey);
    }

    private static Path newRoot() throws IOException {
        return Files.createDirectories(Path.of("target", "test-sftp", UUID.randomUUID().toString()).toAbsolutePath());
    }

    /** Starts again on a folder an earlier server served (a server back after an outage). */
    static SftpTestServer restart(SftpTestServer earlier, int port) throws IOException {
        return new SftpTestServer(earlier.root, port, earlier.password);
    }

    static String randomPassword() {
        return "pw-" + UUID.randomUUID();
    }

    /** A port nothing listens on (for a server that is down). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return sshd.getPort();
    }

    /** The server's public host key as an OpenSSH line ({@code <type> <base64>}), as ssh-keyscan shows it. */
    String hostKey() {
        try {
            KeyPair key = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
            return PublicKeyEntry.toString(key.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SftpIntegrationRequest request(String folder, String format, String group) {
        return new SftpIntegrationRequest("localhost", port(), USER, password, null, null, folder, format, group, null);
    }

    /** Uploads as a careful sender does: under a name the integration ignores, then renamed into place. */
    Path upload(String folder, String name, String content) throws IOException {
        Path dir = Files.createDirectories(root.resolve(folder));
        Path temp = dir.resolve(name + ".part");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        return Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Appends the next of {@code lines} ({@code written} counts them) to a file a slow sender is still writing. */
    static void appendNext(Path file, List<String> lines, AtomicInteger written) {
        if (written.get() >= lines.size()) {
            return;
        }
        try {
            Files.writeString(file, lines.get(written.get()) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            written.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files in {@code folder} whose names start with {@code prefix}, sorted. */
    List<Path> files(String folder, String prefix) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
