package se.vaktpost.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a SQLite file for durable, single-writer use: WAL journal, synchronous=FULL (a
 * committed row survives power loss), and migrations applied with Flyway before first use.
 */
public final class SqliteDatabase {
    private SqliteDatabase() {
    }

    /**
     * Migrates the schema at {@code file} from {@code classpath:<migrations>} and returns an open
     * connection for the single writer.
     */
    public static Connection openMigrated(Path file, String migrations) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteDataSource ds = dataSource(file);
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:" + migrations)
                .loggers("slf4j")
                .load()
                .migrate();
        Connection c = ds.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    /** A second, read-only connection: WAL lets readers run beside the writer. */
    public static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(5_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5_000);
        cfg.enforceForeignKeys(true);
        // Writers take the lock when a transaction begins, so two writers wait (busy timeout)
        // instead of failing half-way with SQLITE_BUSY.
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }
}
