package se.vaktpost.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.vaktpost.hub.core.CoreRig.T0;
import static se.vaktpost.hub.core.CoreRig.press;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.core.CoreRig.AckOut;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;
import se.vaktpost.protocol.SiteState;

class HubCoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private CoreRig rig;

    private CoreRig rig(int alfaPanels) throws Exception {
        rig = new CoreRig(alfaPanels);
        rig.start();
        return rig;
    }

    @AfterEach
    void close() throws Exception {
        rig.close();
    }

    @Test
    void theOutboundPublishersStepsRunOnTheCoreThreadInOrderFromItsStartAndAFailingOneStopsNoOther() throws Exception {
        rig = new CoreRig(2);
        HubCore.Prepared prepared = HubCore.prepare(HubCore.Settings.defaults(Duration.ofSeconds(30)));
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        prepared.steps().execute(() -> ran.add("first on " + Thread.currentThread().getName()));
        prepared.steps().execute(() -> {
            throw new IllegalStateException("a step that fails");
        });
        prepared.steps().execute(() -> ran.add("third on " + Thread.currentThread().getName()));
        assertThat(ran).as("queued until the core runs").isEmpty();

        rig.start(prepared);
        await().atMost(WAIT).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first on hub-core", "third on hub-core");
        PanelEvent lockdown = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(0), T0);
        send(lockdown);
        assertThat(ackOf(lockdown, 1).ack().incident()).as("the core goes on").isNotNull();
    }

    /** Feeds an event as the MQTT edge does, noting whether it was committed when the broker was released. */
    private AtomicBoolean send(PanelEvent e) throws InterruptedException {
        AtomicBoolean committedFirst = new AtomicBoolean();
        rig.core().event(e, rig.clock.instant(), () -> committedFirst.set(
                rig.count("SELECT count(*) FROM events WHERE id = '" + e.id() + "'") == 1));
        return committedFirst;
    }

    private AckOut ackOf(PanelEvent e, int nth) {
        await().atMost(WAIT).until(() -> rig.acks().stream().filter(a -> a.ack().id().equals(e.id())).count() >= nth);
        return rig.acks().stream().filter(a -> a.ack().id().equals(e.id())).skip(nth - 1).findFirst().orElseThrow();
    }

    private void online(String panel, int heartbeat) {
        rig.core().status(new PanelKey("alfa", panel), new PanelStatus(true, rig.clock.instant(), heartbeat), false,
                rig.clock.instant());
    }

    private <R> R answer(Command<R> c) throws Exception {
        return rig.core().submit(c).get(10, TimeUnit.SECONDS);
    }

    /**
     * Keeps the core busy: an acknowledgement whose check waits for {@code hold}. Returns once the
     * core is inside it, so what the test queues next waits in the queue.
     */
    private CompletableFuture<Optional<Boolean>> holdCore(CountDownLatch hold) throws Exception {
        PanelEvent tamper = press("alfa", "a1", EventType.TAMPER, 0, OptionalLong.of(1), T0);
        send(tamper);
        String incident = ackOf(tamper, 1).ack().incident();
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> held = rig.core().submit(new Command.Acknowledge(incident, "t", site -> {
            holding.countDown();
            try {
                return hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the core took the holding command").isTrue();
        return held;
    }

    @Test
    void theBrokersCopyOfAnEventIsReleasedOnlyOnceTheStateItLedToIsOut() throws Exception {
        rig(2);
        rig.holdStates();
        PanelEvent e = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(40), T0);
        AtomicBoolean released = new AtomicBoolean();
        rig.core().event(e, rig.clock.instant(), () -> released.set(true));
        ackOf(e, 1);
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.LOCKDOWN);
        await().atMost(WAIT).until(() -> rig.waitingForStates() == 1);
        assertThat(released).as("held while the broker has not taken the lockdown's state").isFalse();
        rig.takeStates();
        assertThat(released).as("released once it has").isTrue();
    }

    @Test
    void anEventIsRecordedOnceAndAckedAfterItsCommitWithTheVersionOfTheStateThatWentOut() throws Exception {
        rig(2);
        PanelEvent e = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(40), T0);
        AtomicBoolean committedFirst = send(e);
        AckOut ack = ackOf(e, 1);
        assertThat(committedFirst).as("the broker's copy is released only after the commit").isTrue();
        SiteState state = rig.lastState("alfa");
        assertThat(state.mode()).isEqualTo(Mode.LOCKDOWN);
        assertThat(state.version()).isEqualTo(T0.toEpochMilli());
        assertThat(ack.ack().version()).isEqualTo(state.version());
        assertThat(ack.ack().incident()).isEqualTo(state.incident());

        send(e);
        assertThat(ackOf(e, 2).ack().incident()).as("a repeat is acked again").isEqualTo(state.incident());
        assertThat(rig.count("SELECT count(*) FROM events")).isEqualTo(1);
        assertThat(rig.count("SELECT count(*) FROM incidents")).isEqualTo(1);
    }

    @Test
    void aPanelTwoHoursSlowLocksItsSchoolAndEveryTimeRecordedIsTheHubs() throws Exception {
        rig(2);
        Instant slowClock = T0.minus(Duration.ofHours(2));
        rig.core().status(new PanelKey("alfa", "a1"), new PanelStatus(true, slowClock, 5), false, T0);
        PanelEvent e = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(40), slowClock);
        send(e);
        ackOf(e, 1);
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.LOCKDOWN);
        assertThat(rig.text("SELECT opened_at FROM incidents")).isEqualTo(T0.minusMillis(40).toString());
        assertThat(rig.text("SELECT at FROM events")).as("the panel's clock, kept as reported").isEqualTo(slowClock.toString());
        assertThat(rig.count("SELECT clock_offset_ms FROM events")).isEqualTo(-Duration.ofHours(2).toMillis() + 40);
        await().atMost(WAIT).until(() -> rig.panels("alfa").get("a1").clockSkewed());
        assertThat(rig.view.panelsWithSkewedClock()).isEqualTo(1);
    }

    @Test
    void theSkewedClockGaugeFollowsEachPanelAndASiteViewKeepsItsOtherPanelsInOrder() throws Exception {
        rig(3);
        rig.core().status(new PanelKey("alfa", "a1"), new PanelStatus(true, T0.minus(Duration.ofHours(2)), 5), false, T0);
        rig.core().status(new PanelKey("alfa", "a3"), new PanelStatus(true, T0, 5), false, T0);
        await().atMost(WAIT).until(() -> rig.panels("alfa").get("a3").online() && rig.view.panelsWithSkewedClock() == 1);
        rig.core().status(new PanelKey("alfa", "a1"), new PanelStatus(true, T0, 5), false, T0);
        await().atMost(WAIT).until(() -> !rig.panels("alfa").get("a1").clockSkewed());
        assertThat(rig.view.panelsWithSkewedClock()).isZero();
        assertThat(rig.panels("alfa").keySet()).as("registry order, whatever reported first").containsExactly("a1", "a2", "a3");
        assertThat(rig.panels("alfa").get("a3").online()).isTrue();
        assertThat(rig.panels("alfa").get("a2").online()).isFalse();
    }

    @Test
    void aPressMadeBeforeTheLastAllClearIsRecordedAsLateAndDoesNotLockAgain() throws Exception {
        rig(2);
        answer(new Command.Lockdown("alfa", false));
        rig.clock.advance(Duration.ofSeconds(60));
        Decision clear = answer(new Command.AllClear("alfa"));
        rig.clock.advance(Duration.ofSeconds(60));
        // Pressed 100 s ago by the panel's monotonic clock: 40 s before the all-clear.
        PanelEvent late = press("alfa", "a2", EventType.LOCKDOWN, 0, OptionalLong.of(100_000), T0);
        send(late);
        AckOut ack = ackOf(late, 1);
        assertThat(ack.ack().incident()).isNull();
        assertThat(ack.ack().version()).as("the all-clear's version: the panel may stop showing lockdown")
                .isEqualTo(clear.next().version());
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.NORMAL);
        assertThat(rig.text("SELECT verdict FROM events WHERE id = '" + late.id() + "'")).isEqualTo("LATE");
        assertThat(rig.text("SELECT ordering FROM events WHERE id = '" + late.id() + "'")).isEqualTo("BEFORE");

        PanelEvent fresh = press("alfa", "a2", EventType.LOCKDOWN, clear.next().version(), OptionalLong.of(20),
                T0.minus(Duration.ofDays(20_000)));
        send(fresh);
        ackOf(fresh, 1);
        assertThat(rig.lastState("alfa").mode()).as("a press after the all-clear locks, whatever the clock says")
                .isEqualTo(Mode.LOCKDOWN);
    }

    @Test
    void anEventStampedInTheYearNineMillionLocksButChangesNothingLasting() throws Exception {
        rig(2);
        PanelEvent far = press("alfa", "a1", EventType.LOCKDOWN, 0, OptionalLong.of(10),
                Instant.parse("+9999999-01-01T00:00:00Z"));
        send(far);
        ackOf(far, 1);
        assertThat(rig.lastState("alfa").since()).isEqualTo(T0.minusMillis(10));
        rig.clock.advance(Duration.ofSeconds(30));
        PanelEvent key = press("alfa", "a2", EventType.ALL_CLEAR, rig.lastState("alfa").version(), OptionalLong.of(5), T0);
        send(key);
        ackOf(key, 1);
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.NORMAL);
        rig.clock.advance(Duration.ofSeconds(30));
        PanelEvent again = press("alfa", "a1", EventType.LOCKDOWN, rig.lastState("alfa").version(), OptionalLong.of(5), T0);
        send(again);
        ackOf(again, 1);
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.LOCKDOWN);
        assertThat(rig.count("SELECT count(*) FROM incidents WHERE kind = 'LOCKDOWN'")).isEqualTo(2);
    }

    @Test
    void aRealLockdownDuringADrillInterruptsItAndEveryStateFromThenOnIsReal() throws Exception {
        rig(2);
        Decision drill = answer(new Command.Lockdown("alfa", true));
        assertThat(rig.lastState("alfa").drill()).isTrue();
        PanelEvent real = press("alfa", "a1", EventType.LOCKDOWN, drill.next().version(), OptionalLong.of(5), T0);
        send(real);
        AckOut ack = ackOf(real, 1);
        SiteState state = rig.lastState("alfa");
        assertThat(state.drill()).isFalse();
        assertThat(state.incident()).isEqualTo(ack.ack().incident()).isNotEqualTo(drill.incident());
        assertThat(rig.text("SELECT interrupted_by FROM incidents WHERE id = '" + drill.incident() + "'"))
                .isEqualTo(ack.ack().incident());
        assertThat(rig.text("SELECT closed_at FROM incidents WHERE id = '" + drill.incident() + "'")).isNotNull();
        assertThat(rig.count("SELECT count(*) FROM incidents WHERE drill = 0 AND closed_at IS NULL")).isEqualTo(1);
        Decision refused = answer(new Command.Lockdown("alfa", true));
        assertThat(refused.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(rig.lastState("alfa").drill()).isFalse();
    }

    @Test
    void whatPeopleMustHearOfIsNoticedInTheSameTransactionThatDecidedIt() throws Exception {
        rig(2);
        Decision drill = answer(new Command.Lockdown("alfa", true));
        PanelEvent real = press("alfa", "a1", EventType.LOCKDOWN, drill.next().version(), OptionalLong.of(5), T0);
        send(real);
        ackOf(real, 1);
        PanelEvent again = press("alfa", "a2", EventType.LOCKDOWN, rig.lastState("alfa").version(), OptionalLong.of(5), T0);
        send(again);
        ackOf(again, 1);
        rig.clock.advance(Duration.ofSeconds(61));
        rig.core().tick();
        await().atMost(WAIT).until(() -> rig.count("SELECT count(*) FROM notices WHERE kind = 'ESCALATED'") == 1);
        answer(new Command.AllClear("alfa"));

        assertThat(rig.text("SELECT group_concat(k, ',') FROM (SELECT kind || ' ' || incident_kind || ' ' || drill "
                + "|| ' ' || coalesce(panel, '-') AS k FROM notices ORDER BY id)"))
                .as("a joining press notices nothing; the drill's end is its interruption, shown by the real lockdown")
                .isEqualTo("DRILL_START LOCKDOWN 1 hub,LOCKDOWN LOCKDOWN 0 a1,ESCALATED LOCKDOWN 0 -,ALL_CLEAR LOCKDOWN 0 hub");
        assertThat(rig.text("SELECT min(at) FROM notices WHERE kind = 'ESCALATED'")).isEqualTo(T0.plusSeconds(61).toString());
    }

    @Test
    void theNotifierIsWokenForNoticesOnlyNeverByPresence() throws Exception {
        rig(3);
        java.util.concurrent.atomic.AtomicInteger woken = new java.util.concurrent.atomic.AtomicInteger();
        rig.view.onNotice(woken::incrementAndGet);
        online("a1", 5);
        online("a2", 5);
        await().atMost(WAIT).until(() -> rig.count("SELECT count(*) FROM supervision") == 2);
        assertThat(woken.get()).as("presence").isZero();

        Decision lock = answer(new Command.Lockdown("alfa", false));
        PanelEvent joins = press("alfa", "a1", EventType.LOCKDOWN, lock.next().version(), OptionalLong.of(5), T0);
        send(joins);
        ackOf(joins, 1);
        answer(new Command.AllClear("alfa"));

        assertThat(woken.get()).as("the lockdown and its all-clear; the joining press wrote no notice").isEqualTo(2);
    }

    @Test
    void afterARestartTheModeItsVersionAndPresenceComeFromTheDatabaseWithoutFalseOutages() throws Exception {
        rig(2);
        online("a1", 5);
        Decision lock = answer(new Command.Lockdown("alfa", false));
        await().atMost(WAIT).until(() -> rig.count("SELECT count(*) FROM supervision") == 1);
        rig.stop();
        rig.sent.clear();
        rig.clock.advance(Duration.ofMinutes(10));
        rig.start();
        assertThat(rig.lastState("alfa")).as("announced from the database at start")
                .isEqualTo(new SiteState(Mode.LOCKDOWN, lock.incident(), T0, false, lock.next().version()));
        assertThat(rig.panels("alfa").get("a1").online()).isTrue();
        rig.clock.advance(Duration.ofSeconds(20));
        rig.core().tick();
        online("a1", 5);
        rig.clock.advance(Duration.ofSeconds(9));
        rig.core().tick();
        PanelEvent probe = press("alfa", "a2", EventType.TEST, 0, OptionalLong.empty(), T0);
        send(probe);
        ackOf(probe, 1);
        assertThat(rig.count("SELECT count(*) FROM supervision WHERE kind = 'HEARTBEAT_TIMEOUT'")).isZero();
        assertThat(rig.view.panelsOnline()).isEqualTo(1);
    }

    @Test
    void alarmsGoAheadOfAStormOfStatusesQueuedBeforeThem() throws Exception {
        rig(400);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> blocker = holdCore(hold);
        for (int i = 1; i <= 400; i++) {
            online("a" + i, 5);
        }
        PanelEvent alarm = press("alfa", "a7", EventType.ALARM, 0, OptionalLong.of(1), T0);
        send(alarm);
        hold.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        assertThat(ackOf(alarm, 1).onlineWhenSent()).as("no status of the storm was handled before the alarm").isZero();
        await().atMost(WAIT).until(() -> rig.view.panelsOnline() == 400);
        await().atMost(WAIT).until(() -> rig.count("SELECT count(*) FROM supervision") == 400);
        assertThat(rig.count("SELECT count(*) FROM panel_presence WHERE online = 1")).isEqualTo(400);
    }

    @Test
    void eventsThatWaitedTogetherAreRecordedInOrderOnceEachAndAckedWithTheVersionEachOneMade() throws Exception {
        rig(3);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> blocker = holdCore(hold);
        long normal = rig.lastState("alfa").version();
        PanelEvent lock = press("alfa", "a1", EventType.LOCKDOWN, normal, OptionalLong.of(3), T0);
        rig.clock.advance(Duration.ofMillis(5));
        send(lock);
        send(lock);
        // The key panel had not seen the lockdown yet, but pressed after it by its age.
        PanelEvent key = press("alfa", "a2", EventType.ALL_CLEAR, normal, OptionalLong.of(0), T0);
        send(key);
        hold.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        AckOut locked = ackOf(lock, 1);
        AckOut repeated = ackOf(lock, 2);
        AckOut cleared = ackOf(key, 1);
        assertThat(rig.count("SELECT count(*) FROM events WHERE id = '" + lock.id() + "'")).isEqualTo(1);
        assertThat(locked.ack().incident()).isNotNull().isEqualTo(repeated.ack().incident()).isEqualTo(cleared.ack().incident());
        assertThat(cleared.ack().version()).isGreaterThan(locked.ack().version());
        assertThat(repeated.ack().version()).as("a repeat gets the site's version once the batch is in").isEqualTo(cleared.ack().version());
        assertThat(rig.lastState("alfa").mode()).isEqualTo(Mode.NORMAL);
        assertThat(rig.text("SELECT closed_by_event FROM incidents WHERE id = '" + locked.ack().incident() + "'"))
                .isEqualTo(key.id().toString());
    }

    @Test
    void aFullQueueRefusesACommandAtOnceInsteadOfMakingTheCallerWait() throws Exception {
        rig = new CoreRig(2);
        rig.start(new HubCore.Settings(Duration.ofSeconds(30), Duration.ofSeconds(15), 1, 10, 100, Duration.ofMillis(50), true));
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Optional<Boolean>> blocker = holdCore(hold);
        CompletableFuture<Decision> queued = rig.core().submit(new Command.Lockdown("alfa", false));
        CompletableFuture<Decision> refused = rig.core().submit(new Command.Lockdown("beta", false));
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((d, e) -> e).get()).isInstanceOf(Command.Busy.class);
        hold.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).contains(true);
        assertThat(queued.get(10, TimeUnit.SECONDS).next().version()).isPositive();
    }

    @Test
    void thePanelsOnlineGaugeCanBeReadFromAnyThreadWhilePanelsConnect() throws Exception {
        rig(300);
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread scraper = new Thread(() -> {
            while (seen.size() < 100_000 && (seen.isEmpty() || seen.get(seen.size() - 1) < 300)) {
                seen.add(rig.view.panelsOnline());
            }
        });
        scraper.start();
        for (int i = 1; i <= 300; i++) {
            online("a" + i, 5);
        }
        scraper.join(10_000);
        assertThat(seen).allMatch(n -> n >= 0 && n <= 300);
        assertThat(seen.get(seen.size() - 1)).isEqualTo(300);
    }
}
