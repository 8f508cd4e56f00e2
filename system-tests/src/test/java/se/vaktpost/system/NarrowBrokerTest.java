package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.system.fixture.RawClient;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #9, item 4: nothing the hub sends is lost, whatever the broker's in-flight window. The broker
 * here takes two publishes at a time, so the hub's own queueing and retrying is what is tested.
 */
class NarrowBrokerTest {
    private static final int SITES = 60;
    @TempDir
    Path dir;

    @Test
    void everySitesStateArrivesAtStartInABurstAndAgainAfterAStrangerOverwritesIt() {
        try (MosquittoBroker broker = MosquittoBroker.start(List.of("max_inflight_messages 2"));
             HubProcess hub = new HubProcess(dir, broker, 1).withExtraSites(SITES).start();
             RawClient raw = new RawClient(broker, "test-observer")) {
            Map<String, Predicate<SiteState>> atStart = new HashMap<>();
            for (int i = 1; i <= SITES; i++) {
                long version = hub.get("/api/sites/" + site(i)).get("version").asLong();
                atStart.put(site(i), s -> s.mode() == Mode.NORMAL && s.version() == version);
            }
            raw.awaitStates(atStart, Duration.ofSeconds(10), "every site's state retained at the broker at start");

            for (int i = 1; i <= SITES; i++) {
                raw.publish(new PanelEvent(UUID.randomUUID(), site(i), "p1", EventType.LOCKDOWN, Instant.now(), 1, false,
                        raw.state(site(i)).version(), OptionalLong.of(0)));
            }
            Map<String, Predicate<SiteState>> locked = new HashMap<>();
            for (int i = 1; i <= SITES; i++) {
                locked.put(site(i), s -> s.mode() == Mode.LOCKDOWN);
            }
            raw.awaitStates(locked, Duration.ofSeconds(10), "all " + SITES + " sites locked at the broker");
            assertThat(hub.count("SELECT count(*) FROM site_state WHERE mode = 'LOCKDOWN'")).isEqualTo(SITES);

            SiteState truth = raw.state("s01");
            raw.retainState("s01", SiteState.normal(Instant.now(), truth.version() + 1_000_000));
            raw.awaitStates(Map.of("s01", s -> s.equals(truth)), Duration.ofSeconds(5),
                    "the hub puts its own state back over a stranger's");
            assertThat(hub.metric("vaktpost_hub_states_repaired_total")).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void aPanelSendsABacklogThroughTheNarrowWindowWithoutLosingItsConnectionOrAnEvent() {
        try (MosquittoBroker broker = MosquittoBroker.start(List.of("max_inflight_messages 2", "log_type notice"));
             HubProcess hub = new HubProcess(dir, broker, 1);
             PanelRig rig = new PanelRig(dir, broker)) {
            Panel a1 = rig.add("alfa", "a1");
            Await.until(a1::connected, Duration.ofSeconds(20), "connected");
            for (int i = 0; i < 30; i++) {
                // held 100 ms: a loaded machine may run the panel's loop late enough to take a 30 ms tap for a bounce
                PanelRig.tap(a1, Input.ALARM_BUTTON, 100);
            }
            Await.until(() -> a1.unconfirmedEvents() == 30, Duration.ofSeconds(5), "30 presses in the outbox");
            hub.start();
            Await.until(() -> a1.unconfirmedEvents() == 0, Duration.ofSeconds(30), "every press acked");
            assertThat(hub.count("SELECT count(*) FROM events WHERE type = 'ALARM'")).isEqualTo(30);
            assertThat(broker.log()).doesNotContain("protocol error");
            assertThat(broker.log()).as("the panel kept its one connection")
                    .containsOnlyOnce("as panel.alfa.a1");
        }
    }

    private static String site(int i) {
        return String.format("s%02d", i);
    }
}
