package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.protocol.Topics;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.4: the hub is SIGKILLed during a lockdown; after restart its state comes from the database. */
class HubRestartTest {
    @TempDir
    Path dir;

    @Test
    void hubKilledDuringLockdownRestoresItAndALateComingPanelStartsLockedDown() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            Panel a1 = panels.add("alfa", "a1");
            panels.add("alfa", "a2");
            Await.until(() -> panels.all().stream().allMatch(Panel::connected), Duration.ofSeconds(20), "connected");
            PanelRig.holdLockdown(a1);
            Await.until(() -> "LOCKDOWN".equals(hub.get("/api/sites/alfa").get("mode").asText()),
                    Duration.ofSeconds(5), "hub in lockdown");
            String incident = hub.get("/api/sites/alfa").get("incident").asText();

            hub.kill();
            // Wipe the retained state so the only source of truth left is the hub's database.
            clearRetainedState(broker, "alfa");
            hub.start();

            assertThat(hub.get("/api/sites/alfa").get("mode").asText()).isEqualTo("LOCKDOWN");
            assertThat(hub.get("/api/sites/alfa").get("incident").asText()).isEqualTo(incident);
            Panel late = panels.add("alfa", "a3");
            Duration took = Await.until(() -> PanelRig.lockedDown(late), Duration.ofSeconds(10),
                    "a panel that connects after the restart comes up locked");
            assertThat(late.indication()).hasFieldOrPropertyWithValue("confirmedByHub", true);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE kind='LOCKDOWN'")).isEqualTo(1);
        }
    }

    @Test
    void afterARestartNoPanelThatKeptSendingHeartbeatsIsMarkedOffline() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            for (String p : new String[] {"a1", "a2", "a3"}) {
                panels.add("alfa", p);
            }
            Await.until(() -> hub.metric("vaktpost_hub_panels_online") == 3.0, Duration.ofSeconds(20), "all online");
            hub.kill();
            // Down for longer than the panels' timeout (2 x 2 s + 1 s): a restart that trusted the old
            // last-seen times would mark every panel offline at once.
            long downSince = System.nanoTime();
            Await.until(() -> System.nanoTime() - downSince > Duration.ofSeconds(7).toNanos(), Duration.ofSeconds(10),
                    "the hub down for 7 s");
            hub.start();
            long watchUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < watchUntil) {
                assertThat(hub.metric("vaktpost_hub_panels_online")).as("no false outage").isEqualTo(3.0);
                PanelRig.sleep(200);
            }
            assertThat(hub.count("SELECT count(*) FROM supervision WHERE kind <> 'STATUS_ONLINE'"))
                    .as("nothing false enters the availability figures").isZero();
        }
    }

    private static void clearRetainedState(MosquittoBroker broker, String site) throws Exception {
        try (se.vaktpost.system.fixture.MqttTestClient c = se.vaktpost.system.fixture.MqttTestClient.intruder(broker, "test-wiper")) {
            c.publish(Topics.state(site), new byte[0], true);
        }
    }
}
