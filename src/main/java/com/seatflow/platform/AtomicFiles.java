package com.seatflow.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file that its readers see whole or not at all: under a hidden temporary name beside it
 * ({@code .writing-<name>}), then renamed in one step.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What goes into the file; {@code E} is what else it may throw besides {@link IOException}. */
    public interface Content<E extends Exception> {
        void writeTo(OutputStream out) throws IOException, E;
    }

    /** Writes {@code file} (creating its folder) and returns it. */
    public static <E extends Exception> Path write(Path file, Content<E> content) throws IOException, E {
        Path temp = file.resolveSibling(".writing-" + file.getFileName());
        Files.createDirectories(temp.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(temp)) {
            content.writeTo(out);
        }
        return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
