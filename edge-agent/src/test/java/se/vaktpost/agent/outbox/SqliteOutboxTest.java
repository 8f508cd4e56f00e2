package se.vaktpost.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.time.Moment;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class SqliteOutboxTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final Moment PRESSED = new Moment("run-1", 42);
    @TempDir
    Path dir;

    private static PanelEvent store(SqliteOutbox box, EventType type, Instant at) throws Exception {
        return box.store(type, at, false, 0, PRESSED).event();
    }

    @Test
    void storedEventsSurviveReopeningInOrderUntilConfirmed() throws Exception {
        Path file = dir.resolve("p.db");
        PanelEvent first;
        PanelEvent second;
        try (SqliteOutbox box = new SqliteOutbox(file, "skola-a", "p1", 100)) {
            first = store(box, EventType.ALARM, AT);
            second = box.store(EventType.LOCKDOWN, AT.plusSeconds(1), false, 1_764_000_000_000L, new Moment("run-1", 43)).event();
        }
        try (SqliteOutbox box = new SqliteOutbox(file, "skola-a", "p1", 100)) {
            assertThat(box.unconfirmed(10)).extracting(Stored::event).containsExactly(first, second);
            assertThat(box.unconfirmed(10).get(1).pressed()).isEqualTo(new Moment("run-1", 43));
            assertThat(box.unconfirmed(10).get(1).event().seen()).isEqualTo(1_764_000_000_000L);
            assertThat(box.confirm(first.id(), AT)).isTrue();
            assertThat(box.confirm(first.id(), AT)).as("a repeated ack changes nothing").isFalse();
            assertThat(box.unconfirmed(10)).extracting(Stored::event).containsExactly(second);
            assertThat(store(box, EventType.TEST, AT).seq()).isGreaterThan(second.seq());
        }
    }

    @Test
    void capacityDropsOnlyTestPressesNeverAlarms() throws Exception {
        try (SqliteOutbox box = new SqliteOutbox(dir.resolve("c.db"), "skola-a", "p1", 3)) {
            store(box, EventType.TEST, AT);
            for (int i = 0; i < 5; i++) {
                store(box, EventType.ALARM, AT.plusSeconds(i));
            }
            List<PanelEvent> left = box.unconfirmed(100).stream().map(Stored::event).toList();
            assertThat(left).hasSize(5).allMatch(e -> e.type() == EventType.ALARM);
        }
    }

    @Test
    void confirmedHistoryIsPrunedToCapacity() throws Exception {
        try (SqliteOutbox box = new SqliteOutbox(dir.resolve("h.db"), "skola-a", "p1", 2)) {
            for (int i = 0; i < 6; i++) {
                box.confirm(store(box, EventType.ALARM, AT).id(), AT);
            }
            assertThat(box.unconfirmedCount()).isZero();
            PanelEvent next = store(box, EventType.ALARM, AT);
            assertThat(next.seq()).as("sequence keeps rising after pruning").isEqualTo(7);
        }
    }
}
