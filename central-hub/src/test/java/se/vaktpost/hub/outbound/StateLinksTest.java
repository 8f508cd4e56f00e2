package se.vaktpost.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubSignature;

/** The publisher with two connections for states, as the hub runs it (alarm path and state link). */
class StateLinksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final List<String> SITES = IntStream.range(0, 200).mapToObj(i -> "s" + i).toList();

    private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor();
    private final FakeBroker first = new FakeBroker(2);
    private final FakeBroker second = new FakeBroker(2);
    private final FakeBroker acks = new FakeBroker(2);
    private ReliablePublisher publisher;

    @BeforeEach
    void start() throws Exception {
        java.security.PrivateKey key = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        publisher = new ReliablePublisher(List.of(first, second), acks, HubMetrics.NOOP, owner, owner,
                ReliablePublisher.Settings.defaults(), HubSignature.signer(key));
        for (FakeBroker b : List.of(first, second, acks)) {
            publisher.connected(b, b.receiveMaximum);
        }
    }

    @AfterEach
    void stop() {
        publisher.close();
        List.of(first, second, acks).forEach(FakeBroker::close);
        owner.shutdownNow();
    }

    private static SiteState lockdown(long version) {
        return new SiteState(Mode.LOCKDOWN, "inc-" + version, T0, false, version);
    }

    /** Publishes version {@code version} of every site and waits until all are delivered. */
    private void burst(long version) {
        AtomicInteger delivered = new AtomicInteger();
        SITES.forEach(site -> publisher.publishState(site, lockdown(version), delivered::incrementAndGet));
        await().atMost(WAIT).until(() -> delivered.get() == SITES.size());
    }

    @Test
    void aBurstsStatesGoOnBothConnectionsAndEachSiteAlwaysOnTheSameSoItsStatesStayInOrder() {
        burst(1);
        burst(2);
        for (String site : SITES) {
            String topic = Topics.state(site);
            boolean onFirst = first.accepted.contains(topic);
            assertThat(onFirst).as(site + " on one connection only").isNotEqualTo(second.accepted.contains(topic));
            FakeBroker own = onFirst ? first : second;
            assertThat(own.accepted.stream().filter(topic::equals)).as(site + ": both its states on it").hasSize(2);
            assertThat(own.holds(site).version()).isEqualTo(2);
        }
        assertThat(first.accepted).as("the first connection carries about half").hasSizeBetween(100, 300);
        assertThat(second.accepted).as("the second the rest").hasSizeBetween(100, 300);
    }

    /** The sites whose state the second connection took (after a burst with both up). */
    private List<String> sitesOfTheSecond() {
        return SITES.stream().filter(s -> second.accepted.contains(Topics.state(s))).toList();
    }

    @Test
    void aConnectionThatStopsAnsweringHoldsBackOnlyItsOwnSites() {
        burst(1);
        List<String> theSecondsOwn = sitesOfTheSecond();
        second.answering = false;
        AtomicInteger delivered = new AtomicInteger();
        SITES.forEach(site -> publisher.publishState(site, lockdown(2), delivered::incrementAndGet));
        int othersCount = SITES.size() - theSecondsOwn.size();
        await().atMost(WAIT).until(() -> delivered.get() == othersCount);
        SITES.stream().filter(s -> !theSecondsOwn.contains(s))
                .forEach(s -> assertThat(first.holds(s).version()).as(s).isEqualTo(2));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> delivered.get() == othersCount);
    }

    @Test
    void whileASitesConnectionIsDownItsStatesGoOnTheFirstAndAfterwardsOnItsOwnAgain() {
        burst(1);
        List<String> theSecondsOwn = sitesOfTheSecond();
        assertThat(theSecondsOwn).hasSizeBetween(50, 150);

        second.connected = false;
        int askedBefore = second.asked.get();
        burst(2);
        assertThat(second.asked.get()).as("nothing asked of a connection that is down").isEqualTo(askedBefore);
        SITES.forEach(s -> assertThat(first.holds(s).version()).as(s + " on the first meanwhile").isEqualTo(2));

        second.connected = true;
        burst(3);
        SITES.forEach(s -> assertThat((theSecondsOwn.contains(s) ? second : first).holds(s).version())
                .as(s + " back on its own connection").isEqualTo(3));
    }
}
