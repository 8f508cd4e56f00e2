package se.vaktpost.protocol.transport;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets: created empty with owner-only permissions before anything is written. */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    /** Creates or truncates {@code file} as rw------- (where the file system knows POSIX permissions). */
    public static void create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
