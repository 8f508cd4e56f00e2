package se.vaktpost.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.time.ManualScheduler;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class OutboxSenderTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    @TempDir
    Path dir;
    private final ManualScheduler time = new ManualScheduler(T0);
    private final List<PanelEvent> published = new ArrayList<>();
    private SqliteOutbox outbox;
    private OutboxSender sender;

    @BeforeEach
    void setUp() throws Exception {
        outbox = new SqliteOutbox(dir.resolve("o.db"), "skola-a", "p1", 10_000);
        sender = new OutboxSender(outbox, e -> {
            published.add(e);
            return CompletableFuture.completedFuture(null);
        }, time, Duration.ofSeconds(3), Runnable::run);
    }

    @AfterEach
    void tearDown() throws Exception {
        outbox.close();
    }

    @Test
    void everythingStoredWhileOfflineGoesOutInOrderOnConnect() throws Exception {
        PanelEvent a = outbox.store(EventType.ALARM, T0, false);
        PanelEvent b = outbox.store(EventType.LOCKDOWN, T0, false);
        sender.kick();
        assertThat(published).isEmpty();
        sender.connected();
        assertThat(published).containsExactly(a, b);
    }

    @Test
    void unackedEventsAreSentAgainAfterTheRetryIntervalAndNotBefore() throws Exception {
        sender.connected();
        PanelEvent a = outbox.store(EventType.ALARM, T0, false);
        sender.sendNow(a);
        time.advance(Duration.ofSeconds(2));
        sender.kick();
        assertThat(published).containsExactly(a);
        time.advance(Duration.ofSeconds(1));
        sender.kick();
        assertThat(published).containsExactly(a, a);
        sender.acked(a.id());
        time.advance(Duration.ofSeconds(10));
        sender.kick();
        assertThat(published).hasSize(2);
        assertThat(outbox.unconfirmedCount()).isZero();
    }

    @Test
    void aFreshLockdownGoesOutAtOnceEvenBehindAHundredsStrongBacklog() throws Exception {
        sender.connected();
        for (int i = 0; i < 300; i++) {
            sender.sendNow(outbox.store(EventType.ALARM, T0, false));
        }
        published.clear();
        PanelEvent lockdown = outbox.store(EventType.LOCKDOWN, T0, false);
        sender.sendNow(lockdown);
        assertThat(published).containsExactly(lockdown);
    }

    @Test
    void eventsNotYetSentBeyondTheFirstWindowAreSentOnReconnect() throws Exception {
        for (int i = 0; i < 250; i++) {
            outbox.store(EventType.ALARM, T0, false);
        }
        sender.connected();
        assertThat(published).hasSize(200);
        List.copyOf(published.subList(0, 200)).forEach(e -> sender.acked(e.id()));
        assertThat(published).hasSize(250);
    }

    @Test
    void aLargeBacklogIsFedTenAtATimeWhileAFreshPressIsNeverHeldBack() throws Exception {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        List<PanelEvent> sent = new ArrayList<>();
        OutboxSender slow = new OutboxSender(outbox, e -> {
            sent.add(e);
            CompletableFuture<Void> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }, time, Duration.ofSeconds(3), Runnable::run);
        for (int i = 0; i < 50; i++) {
            outbox.store(EventType.ALARM, T0, false);
        }
        slow.connected();
        assertThat(sent).hasSize(10);
        PanelEvent lockdown = outbox.store(EventType.LOCKDOWN, T0, false);
        slow.sendNow(lockdown);
        assertThat(sent).hasSize(11).last().isEqualTo(lockdown);
        pending.get(0).complete(null);
        assertThat(sent).as("the fresh press counts against the window").hasSize(11);
        pending.get(1).complete(null);
        assertThat(sent).as("room in the window lets the backlog move on").hasSize(12);
        assertThat(sent).doesNotHaveDuplicates();
    }
}
