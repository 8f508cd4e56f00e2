package se.vaktpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesOnceAndOpensInWalWithFullSync() throws Exception {
        Path file = dir.resolve("sub/test.db");
        try (Connection c = SqliteDatabase.openMigrated(file, "db/test-migration")) {
            c.createStatement().execute("INSERT INTO t(v) VALUES ('x')");
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
        try (Connection c = SqliteDatabase.openMigrated(file, "db/test-migration");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            assertThat(rs.getInt(1)).as("second open keeps data, migration not re-run").isEqualTo(1);
        }
    }

    @Test
    void anInsertIsNotFollowedByAQueryForTheRowIdNobodyReads() throws Exception {
        try (Connection c = SqliteDatabase.openMigrated(dir.resolve("keys.db"), "db/test-migration");
             var insert = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
            insert.setString(1, "x");
            assertThat(insert.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertThat(keys.next()).as("no generated key was fetched").isFalse();
            }
        }
    }

    @Test
    void anInMemoryDatabaseIsMigratedOnceAndSharedByItsConnectionsUntilClosed() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("shared-test", "db/test-migration")) {
            try (Connection writer = db.connect()) {
                Jdbc.update(writer, NamedSql.named("insert", "INSERT INTO t(v) VALUES (:v)"), Params.of("v", "y"));
            }
            try (Connection reader = db.connectReadOnly(); ResultSet rs = reader.createStatement().executeQuery("SELECT v FROM t")) {
                assertThat(rs.getString(1)).isEqualTo("y");
            }
        }
    }

    @Test
    void aMissingNamedParameterIsAnErrorThatNamesIt() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("missing-param", "db/test-migration"); Connection c = db.connect()) {
            var st = NamedSql.named("insert", "INSERT INTO t(v) VALUES (:v)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Jdbc.update(c, st, Params.of("w", 1)))
                    .hasMessageContaining(":v").hasMessageContaining("insert");
        }
    }
}
