package se.vaktpost.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubSignature;

class ReliablePublisherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    /** Runs the publisher's steps, as the hub's core does; the timers only say when a timed step is due. */
    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private FakeBroker broker;
    private ReliablePublisher publisher;

    private ReliablePublisher start(int receiveMaximum, ReliablePublisher.Settings settings) {
        broker = new FakeBroker(receiveMaximum);
        publisher = publisher(broker, broker, settings);
        publisher.connected(broker, Integer.MAX_VALUE);
        flush();
        return publisher;
    }

    /** Signatures no panel checks here, but made as the hub makes them. */
    private static final HubSignature.Signer SIGNER = HubSignature.signer(throwawayKey());

    private static java.security.PrivateKey throwawayKey() {
        try {
            return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReliablePublisher publisher(FakeBroker states, FakeBroker acks, ReliablePublisher.Settings settings) {
        return new ReliablePublisher(List.of(states), acks, HubMetrics.NOOP, owner, timers, settings, SIGNER);
    }

    /** Small windows and quick retries; after a connect, refreshes wait {@code settle} for the broker's replay. */
    private static ReliablePublisher.Settings settlingFor(Duration settle) {
        return new ReliablePublisher.Settings(8, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 1000, settle);
    }

    /** Waits until the publisher's thread has done everything asked of it so far. */
    private void flush() {
        try {
            owner.submit(() -> null).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        publisher.close();
        broker.close();
        owner.shutdownNow();
        timers.shutdownNow();
    }

    private static SiteState lockdown(long version) {
        return new SiteState(Mode.LOCKDOWN, "inc-" + version, T0, false, version);
    }

    @Test
    void twoHundredSchoolsLockingDownAtOnceAllReachABrokerThatTakesTwoAtATime() {
        start(2, ReliablePublisher.Settings.defaults());
        // answers slow enough that the publisher meets the full window whatever the machine's load
        // (at 0.3 ms a descheduled publisher thread could find every answer in and never be refused)
        broker.answerAfter = Duration.ofMillis(5);
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            publisher.publishState("s" + i, lockdown(1000 + i), delivered::incrementAndGet);
        }
        await().atMost(WAIT).until(() -> delivered.get() == 200);
        for (int i = 0; i < 200; i++) {
            assertThat(broker.holds("s" + i)).isEqualTo(lockdown(1000 + i));
        }
        assertThat(broker.refused.get()).as("the publisher was told the window was wider than the broker's").isPositive();
    }

    @Test
    void afterStatesWaitsUntilTheBrokerHasTakenEveryStateHandedOverBeforeIt() {
        ReliablePublisher.Settings d = ReliablePublisher.Settings.defaults();
        start(16, new ReliablePublisher.Settings(d.window(), d.retryMin(), d.retryMax(), Duration.ofMillis(300),
                d.republishEvery(), d.maxAcks(), d.refreshSettle()));
        broker.answering = false;
        publisher.publishState("alfa", lockdown(7), () -> { });
        publisher.publishState("beta", lockdown(3), () -> { });
        AtomicInteger released = new AtomicInteger();
        publisher.afterStates(released::incrementAndGet);
        flush();
        assertThat(released.get()).as("neither state is answered yet").isZero();
        broker.answering = true;
        // alfa's unanswered publish is given up for a newer state once counted lost; beta's goes again
        publisher.publishState("alfa", lockdown(8), () -> { });
        await().atMost(WAIT).until(() -> released.get() == 1);
        assertThat(broker.holds("alfa").version()).isEqualTo(8);
        assertThat(broker.holds("beta").version()).as("released only once beta's state was taken").isEqualTo(3);
    }

    @Test
    void afterStatesRunsAtOnceWhenNoStateWaits() {
        start(16, ReliablePublisher.Settings.defaults());
        AtomicInteger released = new AtomicInteger();
        publisher.afterStates(released::incrementAndGet);
        flush();
        assertThat(released.get()).isOne();
    }

    @Test
    void afterStatesWaitsForTheNewerStateThatReplacedAQueuedOne() {
        start(1, ReliablePublisher.Settings.defaults());
        broker.connected = false;
        publisher.publishState("alfa", lockdown(1), () -> { });
        AtomicInteger released = new AtomicInteger();
        publisher.afterStates(released::incrementAndGet);
        publisher.publishState("alfa", lockdown(2), () -> { });
        flush();
        assertThat(released.get()).isZero();
        broker.connected = true;
        publisher.connected(broker, 1);
        await().atMost(WAIT).until(() -> released.get() == 1);
        assertThat(broker.accepted).as("only the newer state was sent").hasSize(1);
        assertThat(broker.holds("alfa").version()).isEqualTo(2);
    }

    @Test
    void theBrokersReceiveMaximumNarrowsTheWindowSoNothingIsRefused() {
        start(2, ReliablePublisher.Settings.defaults());
        publisher.connected(broker, 2);
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            publisher.publishState("s" + i, lockdown(1000 + i), delivered::incrementAndGet);
        }
        await().atMost(WAIT).until(() -> delivered.get() == 100);
        assertThat(broker.refused.get()).isZero();
    }

    @Test
    void aNewerStateReplacesAnOlderOneStillWaitingAndOnlyTheNewestEndsAtTheBroker() {
        start(1, ReliablePublisher.Settings.defaults());
        broker.connected = false;
        List<Long> delivered = new CopyOnWriteArrayList<>();
        for (long v = 1; v <= 50; v++) {
            long version = v;
            publisher.publishState("alfa", lockdown(v), () -> delivered.add(version));
        }
        flush();
        broker.connected = true;
        publisher.connected(broker, 1);
        await().atMost(WAIT).until(() -> delivered.contains(50L));
        assertThat(broker.holds("alfa").version()).isEqualTo(50);
        assertThat(broker.accepted).as("older states never sent").hasSize(1);
    }

    @Test
    void aRetainedStateThatDiffersFromTheNewestIsPublishedAgainAndAnEqualOneIsLeftAlone() {
        start(16, ReliablePublisher.Settings.defaults());
        AtomicInteger delivered = new AtomicInteger();
        publisher.publishState("alfa", lockdown(7), delivered::incrementAndGet);
        await().atMost(WAIT).until(() -> delivered.get() == 1);
        publisher.seen("alfa", Codec.encode(lockdown(7)));
        publisher.seen("alfa", Codec.encode(SiteState.normal(T0, 3)));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 2);
        publisher.seen("alfa", new byte[0]);
        await().atMost(WAIT).until(() -> broker.accepted.size() == 3);
        assertThat(broker.holds("alfa")).isEqualTo(lockdown(7));
        publisher.seen("beta", Codec.encode(SiteState.normal(T0, 1)));
        assertThat(broker.accepted).as("a site the hub has no state for is not its to repair").hasSize(3);
    }

    @Test
    void aPublishNeverAnsweredCountsAsLostAndIsSentAgain() {
        start(16, new ReliablePublisher.Settings(4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMinutes(5), 1000, Duration.ZERO));
        broker.answering = false;
        publisher.publishState("alfa", lockdown(1), () -> { });
        await().atMost(WAIT).until(() -> broker.inFlight.get() == 1);
        broker.answering = true;
        broker.inFlight.set(0);
        await().atMost(WAIT).until(() -> broker.holds("alfa") != null);
    }

    @Test
    void acksWaitForTheBrokerAndAreRetriedUntilTaken() {
        start(1, ReliablePublisher.Settings.defaults());
        broker.connected = false;
        for (int i = 0; i < 30; i++) {
            publisher.publishAck("alfa", "a1", new EventAck(UUID.randomUUID(), null, 5));
        }
        flush();
        broker.connected = true;
        publisher.connected(broker, 65_535);
        await().atMost(WAIT).until(() -> broker.accepted.size() == 30);
        assertThat(broker.accepted).allMatch(t -> t.equals(Topics.ack("alfa", "a1")));
    }

    @Test
    void everySitesStateIsPublishedAgainPeriodicallyWhateverTheBrokerHolds() {
        start(16, new ReliablePublisher.Settings(8, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofMillis(200), 1000, Duration.ZERO));
        publisher.publishState("alfa", lockdown(1), () -> { });
        publisher.publishState("beta", SiteState.normal(T0, 2), () -> { });
        await().atMost(WAIT).until(() -> broker.accepted.size() >= 6);
        assertThat(broker.holds("alfa")).isEqualTo(lockdown(1));
    }

    @Test
    void atAConnectChangesAndAcksGoFirstAndARefreshTheBrokerAlreadyHoldsIsNeverSent() {
        start(16, new ReliablePublisher.Settings(8, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 1000, Duration.ofMillis(300)));
        broker.connected = false;
        publisher.announceState("s1", lockdown(1));
        publisher.announceState("s2", lockdown(2));
        publisher.announceState("s3", lockdown(3));
        flush();
        broker.connected = true;
        publisher.connected(broker, 65_535);
        publisher.seen("s1", Codec.encode(lockdown(1)));
        publisher.publishState("s9", lockdown(9), () -> { });
        publisher.publishAck("s9", "p1", new EventAck(UUID.randomUUID(), "inc-9", 9));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 2);
        assertThat(broker.accepted).as("the change and the ack at once, before any refresh")
                .containsExactly(Topics.state("s9"), Topics.ack("s9", "p1"));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 4);
        assertThat(broker.accepted.subList(2, 4)).as("refreshes after the settle time; s1 the broker holds already")
                .containsExactlyInAnyOrder(Topics.state("s2"), Topics.state("s3"));
    }

    @Test
    void theWaitMetricCountsTheHandOverToThePublishersThread() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HubMetrics metrics = (HubMetrics) java.lang.reflect.Proxy.newProxyInstance(HubMetrics.class.getClassLoader(),
                new Class<?>[] {HubMetrics.class}, (proxy, method, args) -> {
                    if (method.getName().equals("published")) {
                        waits.add((Duration) args[0]);
                    }
                    return null;
                });
        broker = new FakeBroker(16);
        publisher = new ReliablePublisher(List.of(broker), broker, metrics, owner, timers, ReliablePublisher.Settings.defaults(), SIGNER);
        publisher.connected(broker, 16);
        flush();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        owner.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        publisher.publishState("alfa", lockdown(1), () -> { });
        publisher.publishAck("alfa", "p1", new EventAck(UUID.randomUUID(), "inc-1", 1));
        Thread.sleep(100); // the stimulus: the publisher's thread is busy elsewhere this long
        busy.countDown();

        await().atMost(WAIT).until(() -> waits.size() == 2);
        assertThat(waits).as("the state and the ack waited at least while the thread was busy")
                .allMatch(w -> w.compareTo(Duration.ofMillis(100)) >= 0);
    }

    @Test
    void noRefreshGoesBeforeTheStateLinksOwnConnectEvenWhenTheAckLinkConnectsFirst() {
        // at the hub's start both links connect at once; the ack link's callback may run first, while
        // the state link's client already says connected: refreshes must still wait for the replay
        broker = new FakeBroker(16);
        FakeBroker ackBroker = new FakeBroker(16);
        publisher = publisher(broker, ackBroker, settlingFor(Duration.ofMillis(300)));
        publisher.announceState("s1", lockdown(1));
        publisher.announceState("s2", lockdown(2));
        publisher.connected(ackBroker, 16);
        flush();
        assertThat(broker.accepted).as("nothing before the state link's own connect").isEmpty();

        publisher.connected(broker, 16);
        publisher.seen("s1", Codec.encode(lockdown(1)));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 2);
        assertThat(broker.accepted).as("the first announced at once (the warm-up), after the settle time only what "
                + "the broker does not hold").containsExactly(Topics.state("s1"), Topics.state("s2"));
        ackBroker.close();
    }

    @Test
    void atTheFirstConnectOneStateGoesOutAtOnceToWarmTheWayOutAndAtAReconnectNone() {
        twoSitesAnnouncedThenConnected(Duration.ofMinutes(1));
        publisher.seen("s1", Codec.encode(lockdown(1)));
        publisher.seen("s2", Codec.encode(lockdown(2)));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 1);
        assertThat(broker.accepted).as("the first site announced, before the settle time, though the broker holds it")
                .containsExactly(Topics.state("s1"));

        publisher.connected(broker, 16);
        flush();
        assertThat(broker.asked).as("a reconnect sends nothing the broker holds").hasValue(1);
    }

    @Test
    void theWarmUpsStateIsNotRefreshedAgainWhenTheBrokersReplayShowedNothing() {
        twoSitesAnnouncedThenConnected(Duration.ofMillis(50));
        await().atMost(WAIT).until(() -> broker.accepted.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> broker.accepted.size() == 2);
        assertThat(broker.accepted).as("each site once: the warm-up's at once, the other's after the settle time")
                .containsExactlyInAnyOrder(Topics.state("s1"), Topics.state("s2"));
    }

    /** One broker for states and acks, s1 and s2 announced in LOCKDOWN, then the publisher's first connect. */
    private void twoSitesAnnouncedThenConnected(Duration settle) {
        broker = new FakeBroker(16);
        publisher = publisher(broker, broker, settlingFor(settle));
        publisher.announceState("s1", lockdown(1));
        publisher.announceState("s2", lockdown(2));
        publisher.connected(broker, 16);
    }

    @Test
    void withAcksOnASecondConnectionABurstOfAcksNeverHoldsAStateBack() {
        broker = new FakeBroker(2);
        FakeBroker ackBroker = new FakeBroker(2);
        ackBroker.answering = false;
        publisher = publisher(broker, ackBroker, ReliablePublisher.Settings.defaults());
        publisher.connected(broker, 2);
        publisher.connected(ackBroker, 2);
        for (int i = 0; i < 20; i++) {
            publisher.publishAck("s1", "p1", new EventAck(UUID.randomUUID(), null, 1));
        }
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            publisher.publishState("s" + i, lockdown(100 + i), delivered::incrementAndGet);
        }
        await().atMost(WAIT).until(() -> delivered.get() == 10);
        assertThat(ackBroker.inFlight.get()).as("the ack connection's window is full and unanswered").isEqualTo(2);
        assertThat(broker.accepted).allMatch(t -> t.endsWith("/state"));
        ackBroker.close();
    }
}
