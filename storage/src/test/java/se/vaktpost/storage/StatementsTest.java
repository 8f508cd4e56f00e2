package se.vaktpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementsTest {
    private static final NamedSql.Statement INSERT = NamedSql.named("insert", "INSERT INTO t(v) VALUES (:v)");
    private static final NamedSql.Statement BY_VALUE = NamedSql.named("by_value", "SELECT count(*) FROM t WHERE v = :v");

    @TempDir
    Path dir;

    @Test
    void eachStatementIsCompiledOnceAndBoundAfreshOnEveryUse() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("statements-reuse", "db/test-migration");
             Connection c = db.connect(); Statements statements = new Statements(c)) {
            PreparedStatement first = statements.bound(INSERT, Params.of("v", "a"));
            first.executeUpdate();
            statements.update(INSERT, Params.of("v", "b"));
            statements.update(INSERT, Params.of("v", "b"));
            assertThat(statements.bound(INSERT, Params.of("v", "c"))).isSameAs(first);
            assertThat(count(statements, "a")).isEqualTo(1);
            assertThat(count(statements, "b")).isEqualTo(2);
            assertThat(count(statements, "c")).isZero();
            assertThat(statements.size()).isEqualTo(2);
        }
    }

    @Test
    void aBatchIsBoundRowByRowAndDropsWhatAnEarlierCallLeftHalfBuilt() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("statements-batch", "db/test-migration");
             Connection c = db.connect(); Statements statements = new Statements(c)) {
            statements.bound(INSERT, Params.of("v", "left")).addBatch(); // a batch begun and never run
            assertThat(statements.batch(INSERT, java.util.List.of(Params.of("v", "a"), Params.of("v", "b"),
                    Params.of("v", "b")))).containsExactly(1, 1, 1);
            assertThat(statements.batch(INSERT, java.util.List.of())).isEmpty();
            assertThat(count(statements, "a")).isEqualTo(1);
            assertThat(count(statements, "b")).isEqualTo(2);
            assertThat(count(statements, "left")).as("a half-built batch is dropped, not written").isZero();
        }
    }

    @Test
    void aStatementThatFailedServesTheNextUse() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("statements-failure", "db/test-migration");
             Connection c = db.connect(); Statements statements = new Statements(c)) {
            assertThatThrownBy(() -> statements.update(INSERT, Params.of("v", null)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL");
            assertThat(statements.update(INSERT, Params.of("v", "after"))).isEqualTo(1);
            assertThat(count(statements, "after")).isEqualTo(1);
        }
    }

    @Test
    void aClosedQueryLeavesNoReadSnapshotThatWouldHoldBackACheckpoint() throws Exception {
        Path file = dir.resolve("wal.db");
        try (Connection writer = SqliteDatabase.openMigrated(file, "db/test-migration");
             Statements statements = new Statements(writer);
             Connection other = SqliteDatabase.openMigrated(file, "db/test-migration")) {
            statements.update(INSERT, Params.of("v", "x"));
            statements.update(INSERT, Params.of("v", "y"));
            try (ResultSet open = statements.query(NamedSql.named("all", "SELECT v FROM t WHERE v <> :none"), Params.of("none", ""))) {
                assertThat(open.next()).isTrue();
                Jdbc.update(other, INSERT, Params.of("v", "z"));
                // the check itself: a query still open does hold the checkpoint back
                assertThat(checkpointBusy(other)).isTrue();
            }
            assertThat(count(statements, "x")).isEqualTo(1);
            Jdbc.update(other, INSERT, Params.of("v", "w"));
            assertThat(checkpointBusy(other)).as("after the results were closed").isFalse();
        }
    }

    @Test
    void closingClosesTheKeptStatementsButNotTheConnection() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.inMemory("statements-close", "db/test-migration");
             Connection c = db.connect()) {
            Statements statements = new Statements(c);
            PreparedStatement kept = statements.bound(INSERT, Params.of("v", "a"));
            statements.close();
            assertThat(kept.isClosed()).isTrue();
            assertThat(statements.size()).isZero();
            assertThat(c.isClosed()).isFalse();
        }
    }

    private static int count(Statements statements, String value) throws SQLException {
        try (ResultSet rs = statements.query(BY_VALUE, Params.of("v", value))) {
            return rs.getInt(1);
        }
    }

    /** A full checkpoint that could not copy every frame back (a reader holds an older snapshot). */
    private static boolean checkpointBusy(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return rs.getInt(1) != 0;
        }
    }
}
