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
import se.vaktpost.agent.time.Moment;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;

class OutboxSenderTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    @TempDir
    Path dir;
    private final ManualScheduler time = new ManualScheduler(T0);
    private static final String RUN = "run-1";
    private final List<PanelEvent> published = new ArrayList<>();
    private SqliteOutbox outbox;
    private OutboxSender sender;

    @BeforeEach
    void setUp() throws Exception {
        outbox = new SqliteOutbox(dir.resolve("o.db"), "skola-a", "p1", 10_000);
        sender = new OutboxSender(outbox, e -> {
            published.add(e);
            return CompletableFuture.completedFuture(null);
        }, time, Duration.ofSeconds(3), Runnable::run, RUN);
    }

    private Stored store(EventType type) throws Exception {
        return outbox.store(type, T0, false, 0, new Moment(RUN, time.nanoTime()));
    }

    private static List<java.util.UUID> ids(List<PanelEvent> events) {
        return events.stream().map(PanelEvent::id).toList();
    }

    @AfterEach
    void tearDown() throws Exception {
        outbox.close();
    }

    @Test
    void everythingStoredWhileOfflineGoesOutInOrderOnConnect() throws Exception {
        Stored a = store(EventType.ALARM);
        Stored b = store(EventType.LOCKDOWN);
        sender.kick();
        assertThat(published).isEmpty();
        sender.connected();
        assertThat(ids(published)).containsExactly(a.event().id(), b.event().id());
    }

    @Test
    void unackedEventsAreSentAgainAfterTheRetryIntervalAndNotBefore() throws Exception {
        sender.connected();
        Stored a = store(EventType.ALARM);
        sender.sendNow(a);
        time.advance(Duration.ofSeconds(2));
        sender.kick();
        assertThat(ids(published)).containsExactly(a.event().id());
        time.advance(Duration.ofSeconds(1));
        sender.kick();
        assertThat(ids(published)).containsExactly(a.event().id(), a.event().id());
        assertThat(published).extracting(e -> e.ageMillis().getAsLong()).as("the age is measured again at every send")
                .containsExactly(0L, 3000L);
        sender.acked(a.event().id());
        time.advance(Duration.ofSeconds(10));
        sender.kick();
        assertThat(published).hasSize(2);
        assertThat(outbox.unconfirmedCount()).isZero();
    }

    @Test
    void aFreshLockdownGoesOutAtOnceEvenBehindAHundredsStrongBacklog() throws Exception {
        sender.connected();
        for (int i = 0; i < 300; i++) {
            sender.sendNow(store(EventType.ALARM));
        }
        published.clear();
        Stored lockdown = store(EventType.LOCKDOWN);
        sender.sendNow(lockdown);
        assertThat(ids(published)).containsExactly(lockdown.event().id());
    }

    @Test
    void eventsNotYetSentBeyondTheFirstWindowAreSentOnReconnect() throws Exception {
        for (int i = 0; i < 250; i++) {
            store(EventType.ALARM);
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
        }, time, Duration.ofSeconds(3), Runnable::run, RUN);
        for (int i = 0; i < 50; i++) {
            store(EventType.ALARM);
        }
        slow.connected();
        assertThat(sent).hasSize(10);
        Stored lockdown = store(EventType.LOCKDOWN);
        slow.sendNow(lockdown);
        assertThat(sent).hasSize(11).last().extracting(PanelEvent::id).isEqualTo(lockdown.event().id());
        pending.get(0).complete(null);
        assertThat(sent).as("the fresh press counts against the window").hasSize(11);
        pending.get(1).complete(null);
        assertThat(sent).as("room in the window lets the backlog move on").hasSize(12);
        assertThat(sent).doesNotHaveDuplicates();
    }

    @Test
    void aPressFromAnEarlierRunIsSentWithItsAgeUnknownAndSeenVersionKept() throws Exception {
        Stored before = outbox.store(EventType.LOCKDOWN, T0, false, 77, new Moment("an-earlier-run", 5));
        sender.connected();
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(before.event().id());
            assertThat(e.ageMillis()).isEmpty();
            assertThat(e.seen()).isEqualTo(77);
        });
    }

    @Test
    void retriesFollowTheMonotonicClockWhenTheWallClockJumps() throws Exception {
        sender.connected();
        Stored a = store(EventType.ALARM);
        sender.sendNow(a);
        time.shiftWallClock(Duration.ofHours(-2));
        time.advance(Duration.ofSeconds(3));
        sender.kick();
        assertThat(published).as("a clock set back two hours does not hold the retry back").hasSize(2);
        time.shiftWallClock(Duration.ofDays(20_000));
        sender.kick();
        assertThat(published).as("nor does a jump forward make it resend at once").hasSize(2);
    }
}
