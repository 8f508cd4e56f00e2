package se.vaktpost.hub.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.storage.SqliteDatabase;

class BackupsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T03:15:00Z");

    @TempDir
    Path dir;

    private final Backups backups = new Backups(Clock.fixed(T0, ZoneOffset.UTC));

    private Path hubDatabase() throws Exception {
        Path db = dir.resolve("live").resolve("hub.db");
        SqliteDatabase.open(db, "db/hub").close();
        return db;
    }

    private static void addEvent(Connection c, long n) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (id, site, panel, type, at, seq, drill, received_at) "
                + "VALUES (?, 'alfa', 'a1', 'ALARM', '2026-12-02T03:00:00Z', ?, 0, '2026-12-02T03:00:00Z')")) {
            ps.setString(1, "e" + n);
            ps.setLong(2, n);
            ps.executeUpdate();
        }
    }

    private static long events(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
            return rs.getLong(1);
        }
    }

    @Test
    void aBackupTakenWhileTheHubWritesHoldsEveryEventCommittedBeforeItAndRestoresEncrypted() throws Exception {
        Path db = hubDatabase();
        Path key = dir.resolve("backup.key");
        BackupCipher.newKeyFile(key);
        BackupCipher cipher = BackupCipher.fromKeyFile(key);
        AtomicLong committed = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout=10000");
                }
                for (long n = 1; writing.get() || n <= 200; n++) {
                    addEvent(c, n);
                    committed.set(n);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        org.awaitility.Awaitility.await().until(() -> committed.get() >= 200);
        long before = committed.get();
        Path folder = Files.createDirectories(dir.resolve("backups"));
        Backups.Result made = backups.backup(db, folder, Optional.of(cipher), 3);
        writing.set(false);
        writer.join();

        assertThat(made.encrypted()).isTrue();
        assertThat(made.file().getFileName().toString()).isEqualTo("hub-20261202T031500Z.db.cms");
        assertThat(new String(Files.readAllBytes(made.file()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("no plain SQLite inside").doesNotContain("SQLite format 3");
        assertThat(made.events()).isGreaterThanOrEqualTo(before);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(Backups.newest(c)).contains(T0);
        }

        Path fresh = dir.resolve("fresh").resolve("hub.db");
        Backups.Result restored = backups.restore(made.file(), fresh, Optional.of(cipher));
        assertThat(restored.events()).isEqualTo(made.events());
        assertThat(events(fresh)).isEqualTo(made.events()).isGreaterThanOrEqualTo(before);
        SqliteDatabase.open(fresh, "db/hub").close(); // a hub starts on it: its schema is current
    }

    @Test
    void aChangedBackupOrTheWrongKeyIsRefusedAndTheDatabaseLeftAsItWas() throws Exception {
        Path db = hubDatabase();
        Path key = dir.resolve("k1");
        BackupCipher.newKeyFile(key);
        Path other = dir.resolve("k2");
        BackupCipher.newKeyFile(other);
        Backups.Result made = backups.backup(db, dir.resolve("one.db.cms"), Optional.of(BackupCipher.fromKeyFile(key)), 0);
        Path target = dir.resolve("target.db");
        Files.writeString(target, "the database in place");

        assertThatThrownBy(() -> backups.restore(made.file(), target, Optional.of(BackupCipher.fromKeyFile(other))))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot be opened with this key");
        byte[] bytes = Files.readAllBytes(made.file());
        bytes[bytes.length - 40] ^= 1;
        Path changed = dir.resolve("changed.db.cms");
        Files.write(changed, bytes);
        assertThatThrownBy(() -> backups.restore(changed, target, Optional.of(BackupCipher.fromKeyFile(key))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backups.restore(made.file(), target, Optional.empty()))
                .hasMessageContaining("encrypted; give its key");
        assertThat(Files.readString(target)).isEqualTo("the database in place");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".restore-"));
        }
    }

    @Test
    void aRestoreOverADatabaseARunningHubHoldsIsRefused() throws Exception {
        Path db = hubDatabase();
        Backups.Result made = backups.backup(db, dir.resolve("plain.db"), Optional.empty(), 0);
        try (HubLock running = HubLock.take(db)) {
            assertThatThrownBy(() -> backups.restore(made.file(), db, Optional.empty()))
                    .hasMessageContaining("a running hub holds").hasMessageContaining("stop it first");
            assertThatThrownBy(() -> HubLock.take(db)).as("nor a second hub").hasMessageContaining("a running hub holds");
        }
        assertThat(backups.restore(made.file(), db, Optional.empty()).events()).isZero();
        assertThat(db.resolveSibling("hub.db.before-restore")).exists();
    }

    @Test
    void aFolderKeepsTheNewestBackupsOnly() throws Exception {
        Path db = hubDatabase();
        Path folder = Files.createDirectories(dir.resolve("nightly"));
        for (int day = 0; day < 4; day++) {
            new Backups(Clock.fixed(T0.plusSeconds(86_400L * day), ZoneOffset.UTC)).backup(db, folder, Optional.empty(), 2);
        }
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("hub-20261204T031500Z.db", "hub-20261205T031500Z.db");
        }
    }

    @Test
    void notAHubDatabaseIsRefused() throws Exception {
        Path stranger = dir.resolve("stranger.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stranger); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> backups.restore(stranger, dir.resolve("x.db"), Optional.empty()))
                .hasMessageContaining("not a Vaktpost hub database");
    }
}
