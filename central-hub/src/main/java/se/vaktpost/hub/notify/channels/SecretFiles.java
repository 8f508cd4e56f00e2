package se.vaktpost.hub.notify.channels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The channels' secrets (passwords, HMAC keys) live in files the hub's user may read, never in the registry. */
final class SecretFiles {
    private SecretFiles() {
    }

    /** The file's text without surrounding white space; "" for none; a clear error for an unreadable one. */
    static String read(String file) throws IOException {
        if (file == null) {
            return "";
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the secret file " + file + " (" + e.getClass().getSimpleName()
                    + "); check its path and that the hub's user may read it", e);
        }
    }
}
