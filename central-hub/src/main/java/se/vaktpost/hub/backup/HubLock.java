package se.vaktpost.hub.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The running hub's hold on its database: an OS lock on {@code <db>.lock}, taken at start and kept
 * until the process ends (the OS lets it go even after a crash). A second hub on the same database,
 * or a restore over a database a hub holds, is refused.
 */
public final class HubLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HubLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code db}; fails with a message saying what to do when a hub holds it. */
    public static HubLock take(Path db) throws IOException {
        Path file = lockFile(db);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("a running hub holds " + db + " (its lock " + file + "); stop it first "
                    + "(systemctl stop vaktpost-hub)");
        }
        return new HubLock(channel, lock);
    }

    static Path lockFile(Path db) {
        return db.resolveSibling(db.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
