package se.vaktpost.hub.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;

/**
 * Online backups of a running hub's database and their restore. A backup is SQLite's
 * {@code VACUUM INTO} (a consistent snapshot in one read transaction, beside the hub's writer),
 * checked, then encrypted when a key is given, and only then put in place under its final name.
 * The backup is recorded in the live database, so the hub can tell how old its newest backup is.
 */
public final class Backups {
    /** File names in a backup folder: hub-20261202T031500Z.db (or .db.cms encrypted). */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String PREFIX = "hub-";
    private static final NamedSql SQL = NamedSql.load("sql/backup.sql");

    /** What a backup or restore did. */
    public record Result(Path file, long bytes, long events, boolean encrypted) {
    }

    private final Clock clock;

    public Backups(Clock clock) {
        this.clock = clock;
    }

    /**
     * Backs up {@code db} (a hub may be running on it) to {@code out}: a file, or a folder in which
     * a dated file is made and all but the newest {@code keep} backups are removed (0 keeps all).
     */
    public Result backup(Path db, Path out, Optional<BackupCipher> cipher, int keep) throws IOException, SQLException {
        if (!Files.isRegularFile(db)) {
            throw new IOException("no database at " + db + "; give the hub's --db");
        }
        Instant at = clock.instant();
        boolean intoFolder = Files.isDirectory(out);
        Path target = intoFolder ? out.resolve(PREFIX + STAMP.format(at) + (cipher.isPresent() ? ".db.cms" : ".db")) : out;
        Path snapshot = Files.createTempFile(target.toAbsolutePath().getParent(), ".backup-", ".db");
        Files.delete(snapshot); // VACUUM INTO makes the file itself
        Path sealed = null;
        try {
            try (Connection c = open(db)) {
                try (PreparedStatement ps = Jdbc.prepare(c, SQL.statement("vacuum_into"), Params.of("file", snapshot))) {
                    ps.execute();
                }
            }
            long events = check(snapshot);
            Path ready = snapshot;
            if (cipher.isPresent()) {
                sealed = Files.createTempFile(target.toAbsolutePath().getParent(), ".backup-", ".cms");
                try (InputStream in = Files.newInputStream(snapshot); OutputStream o = Files.newOutputStream(sealed)) {
                    cipher.get().encrypt(in, o);
                }
                ready = sealed;
            }
            Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long bytes = Files.size(target);
            record(db, at, target, bytes, cipher.isPresent());
            if (intoFolder && keep > 0) {
                prune(out, keep);
            }
            return new Result(target, bytes, events, cipher.isPresent());
        } finally {
            Files.deleteIfExists(snapshot);
            if (sealed != null) {
                Files.deleteIfExists(sealed);
            }
        }
    }

    /**
     * Restores {@code backup} as {@code db}: only when no hub holds {@code db}, and only a backup
     * that decrypts, passes SQLite's integrity check and holds a hub's schema. The database it
     * replaces is kept beside it as {@code <db>.before-restore}.
     */
    public Result restore(Path backup, Path db, Optional<BackupCipher> cipher) throws IOException, SQLException {
        if (!Files.isRegularFile(backup)) {
            throw new IOException("no backup at " + backup);
        }
        Path folder = db.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        try (HubLock held = HubLock.take(db)) {
            Path plain = Files.createTempFile(folder, ".restore-", ".db");
            try {
                boolean encrypted = isCms(backup);
                if (encrypted && cipher.isEmpty()) {
                    throw new IOException(backup + " is encrypted; give its key with --key FILE");
                }
                try (InputStream in = Files.newInputStream(backup); OutputStream o = Files.newOutputStream(plain)) {
                    if (encrypted) {
                        cipher.get().decrypt(in, o);
                    } else {
                        in.transferTo(o);
                    }
                }
                long events = check(plain);
                if (Files.exists(db)) {
                    Files.move(db, db.resolveSibling(db.getFileName() + ".before-restore"), StandardCopyOption.REPLACE_EXISTING);
                }
                for (String side : List.of("-wal", "-shm")) {
                    Files.deleteIfExists(db.resolveSibling(db.getFileName() + side));
                }
                Files.move(plain, db, StandardCopyOption.ATOMIC_MOVE);
                return new Result(db, Files.size(db), events, encrypted);
            } finally {
                Files.deleteIfExists(plain);
            }
        }
    }

    /** The newest backup recorded in {@code c}'s database, if any. */
    public static Optional<Instant> newest(Connection c) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, SQL.statement("newest"), Params.none()); ResultSet rs = ps.executeQuery()) {
            String at = rs.next() ? rs.getString(1) : null;
            return Optional.ofNullable(at).map(Instant::parse);
        }
    }

    private static Connection open(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    /** SQLite's own integrity check, and a hub's schema in it; returns the number of events. */
    private static long check(Path file) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                String answer = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(answer)) {
                    throw new IOException("the backup fails SQLite's integrity check: " + answer);
                }
            }
            try (ResultSet rs = s.executeQuery(SQL.statement("count_events").jdbc())) {
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IOException("this is not a Vaktpost hub database (" + e.getMessage() + ")");
            }
        }
    }

    private static void record(Path db, Instant at, Path file, long bytes, boolean encrypted) throws SQLException {
        try (Connection c = open(db)) {
            Jdbc.update(c, SQL.statement("record"), Params.of("at", at).and("file", file.getFileName().toString())
                    .and("bytes", bytes).and("encrypted", encrypted));
        }
    }

    private static void prune(Path folder, int keep) throws IOException {
        List<Path> ours = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && (p.getFileName().toString().endsWith(".db") || p.getFileName().toString().endsWith(".db.cms")))
                    .forEach(ours::add);
        }
        // the stamp in the name sorts by time
        ours.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (Path old : ours.subList(Math.min(keep, ours.size()), ours.size())) {
            Files.delete(old);
        }
    }

    /** A CMS file is DER: it begins with a SEQUENCE tag; an SQLite file with "SQLite format 3". */
    private static boolean isCms(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x30;
        }
    }
}
