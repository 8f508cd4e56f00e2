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
 * A SQLite database opened for durable use: WAL journal, synchronous=FULL (a committed row survives
 * power loss), migrations applied with Flyway once, when it is opened. Connections are then handed
 * out without migrating again: one writer per owner, and read-only ones beside it.
 */
public final class SqliteDatabase implements AutoCloseable {
    private final String url;
    private final String description;
    /** Keeps a shared in-memory database alive; null for a file. */
    private final Connection keeper;

    private SqliteDatabase(String url, String description, Connection keeper) {
        this.url = url;
        this.description = description;
        this.keeper = keeper;
    }

    /** Opens the file (creating its folder), migrates its schema from {@code classpath:<migrations>}. */
    public static SqliteDatabase open(Path file, String migrations) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SqliteDatabase db = new SqliteDatabase("jdbc:sqlite:" + file.toAbsolutePath(), file.toString(), null);
        db.migrate(migrations);
        return db;
    }

    /**
     * A database in memory under {@code name}, migrated like a file: for unit tests of code that
     * owns a writer. It lives until {@link #close()}.
     */
    public static SqliteDatabase inMemory(String name, String migrations) throws SQLException {
        String url = "jdbc:sqlite:file:" + name + "?mode=memory&cache=shared";
        SqliteDatabase db = new SqliteDatabase(url, "memory:" + name, DriverManager.getConnection(url));
        db.migrate(migrations);
        return db;
    }

    /** Migrates the file and returns one open writer: for a component that is the file's only user. */
    public static Connection openMigrated(Path file, String migrations) throws SQLException {
        return open(file, migrations).connect();
    }

    /** A read-only connection to a file that some other process or component migrates. */
    public static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(5_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    /** A new writable connection with the durable settings; the caller owns and closes it. */
    public Connection connect() throws SQLException {
        Connection c = dataSource().getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    /** A new read-only connection: WAL lets readers run beside the writer. */
    public Connection connectReadOnly() throws SQLException {
        if (keeper != null) {
            return connect();
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(5_000);
        return DriverManager.getConnection(url, cfg.toProperties());
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() throws SQLException {
        if (keeper != null) {
            keeper.close();
        }
    }

    private void migrate(String migrations) {
        Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:" + migrations)
                .loggers("slf4j")
                .load()
                .migrate();
    }

    private SQLiteDataSource dataSource() {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.setBusyTimeout(5_000);
        cfg.enforceForeignKeys(true);
        // Writers take the lock when a transaction begins, so two writers wait (busy timeout)
        // instead of failing half-way with SQLITE_BUSY.
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing reads generated keys; left on, the driver runs "SELECT last_insert_rowid()" as a
        // statement of its own after every INSERT (about 6 % of the hub's core thread in a burst).
        cfg.setGetGeneratedKeys(false);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(url);
        return ds;
    }
}
