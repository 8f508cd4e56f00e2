package se.vaktpost.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class SqliteOutboxTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    @TempDir
    Path dir;

    @Test
    void storedEventsSurviveReopeningInOrderUntilConfirmed() throws Exception {
        Path file = dir.resolve("p.db");
        PanelEvent first;
        PanelEvent second;
        try (SqliteOutbox box = new SqliteOutbox(file, "skola-a", "p1", 100)) {
            first = box.store(EventType.ALARM, AT, false);
            second = box.store(EventType.LOCKDOWN, AT.plusSeconds(1), false);
        }
        try (SqliteOutbox box = new SqliteOutbox(file, "skola-a", "p1", 100)) {
            assertThat(box.unconfirmed(10)).containsExactly(first, second);
            assertThat(box.confirm(first.id(), AT)).isTrue();
            assertThat(box.confirm(first.id(), AT)).as("a repeated ack changes nothing").isFalse();
            assertThat(box.unconfirmed(10)).containsExactly(second);
            assertThat(box.store(EventType.TEST, AT, false).seq()).isGreaterThan(second.seq());
        }
    }

    @Test
    void capacityDropsOnlyTestPressesNeverAlarms() throws Exception {
        try (SqliteOutbox box = new SqliteOutbox(dir.resolve("c.db"), "skola-a", "p1", 3)) {
            box.store(EventType.TEST, AT, false);
            for (int i = 0; i < 5; i++) {
                box.store(EventType.ALARM, AT.plusSeconds(i), false);
            }
            List<PanelEvent> left = box.unconfirmed(100);
            assertThat(left).hasSize(5).allMatch(e -> e.type() == EventType.ALARM);
        }
    }

    @Test
    void confirmedHistoryIsPrunedToCapacity() throws Exception {
        try (SqliteOutbox box = new SqliteOutbox(dir.resolve("h.db"), "skola-a", "p1", 2)) {
            for (int i = 0; i < 6; i++) {
                box.confirm(box.store(EventType.ALARM, AT, false).id(), AT);
            }
            assertThat(box.unconfirmedCount()).isZero();
            PanelEvent next = box.store(EventType.ALARM, AT, false);
            assertThat(next.seq()).as("sequence keeps rising after pruning").isEqualTo(7);
        }
    }
}
