package se.vaktpost.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.storage.SqliteDatabase;

/**
 * Copies SQLite's write-ahead log back into the database file on a connection and thread of its
 * own. Left to itself SQLite does this inside whichever commit crosses 1000 pages, and that would
 * sometimes be the core's commit of an alarm; the core's writer has it turned off
 * ({@link HubStore}). A passive checkpoint never blocks a writer.
 */
public final class WalCheckpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    private final Connection db;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-checkpoint");
        t.setDaemon(true);
        return t;
    });

    public WalCheckpoints(SqliteDatabase database, Duration every) throws SQLException {
        this.db = database.connect();
        thread.scheduleWithFixedDelay(this::checkpoint, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            LOG.warn("could not checkpoint the database's write-ahead log: {}; it grows until the next try", e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        thread.shutdownNow();
        db.close();
    }
}
