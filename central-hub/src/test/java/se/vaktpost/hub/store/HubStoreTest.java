package se.vaktpost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The writer's durability: every commit is synced, presence included (a presence commit that skipped
 * the fsync left its pages for the next alarm's commit to sync: docs/performance.md, eighth session).
 */
class HubStoreTest {
    private static final int FULL = 2;
    private static final Instant T = Instant.parse("2026-12-02T07:40:00Z");

    @Test
    void presenceIsWrittenWithTheWriterAtFullSync(@TempDir Path dir) throws SQLException {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("hub.db"), "db/hub");
             HubStore store = new HubStore(db.connect())) {
            store.presence(List.of(new HubStore.PresenceWrite(new PanelKey("alfa", "a1"),
                    new Presence(false, T, 10, null), "LAST_WILL", T)));

            assertEquals(FULL, store.synchronousLevel());
            assertEquals(false, store.presences().get(new PanelKey("alfa", "a1")).online());
        }
    }

    @Test
    void aFailedPresenceWriteAlsoLeavesTheWriterAtFullSync(@TempDir Path dir) throws SQLException {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("hub.db"), "db/hub");
             HubStore store = new HubStore(db.connect())) {
            HubStore.PresenceWrite broken = new HubStore.PresenceWrite(new PanelKey("alfa", "a1"),
                    new Presence(true, null, 10, null), null, T);

            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> store.presence(List.of(broken)));
            assertEquals(FULL, store.synchronousLevel());
        }
    }
}
