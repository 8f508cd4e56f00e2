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
            // what a restart begins from: the three recorded online (the core writes presence just after
            // it counts it; a kill in between would leave a panel the hub never knew, not a false outage)
            Await.until(() -> hub.count("SELECT count(*) FROM panel_presence WHERE online = 1") == 3,
                    Duration.ofSeconds(10), "all three recorded online");
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

    @Test
    void afterARestartAPanelThatWentAwayMeanwhileIsShownOfflineByItsRetainedStatusAtOnce() throws Exception {
        // 47 sites (alfa, beta and 45 more): the hub reads retained statuses 10 sites at a time, five chunks here
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withExtraSites(45).start();
             se.vaktpost.system.fixture.MqttTestClient panels = se.vaktpost.system.fixture.MqttTestClient.intruder(broker, "test-panels")) {
            java.util.List<String> sites = new java.util.ArrayList<>(java.util.List.of("alfa"));
            for (int i = 1; i <= 45; i++) {
                sites.add(HubProcess.extraSite(i));
            }
            for (String site : sites) {
                // a heartbeat of five minutes (the contract's most): no panel times out while the test runs
                panels.publish(Topics.status(site, site.equals("alfa") ? "a1" : HubProcess.EXTRA_PANEL), status(true), true);
            }
            Await.until(() -> hub.metric("vaktpost_hub_panels_online") == 46.0, Duration.ofSeconds(20), "all 46 online");

            hub.kill();
            // what the broker publishes for a panel that loses power: its retained Last Will
            panels.publish(Topics.status(HubProcess.extraSite(1), HubProcess.EXTRA_PANEL), status(false), true);
            panels.publish(Topics.status(HubProcess.extraSite(45), HubProcess.EXTRA_PANEL), status(false), true);
            hub.start();

            // long before any heartbeat timeout (2 × 300 + 1 s) or the restart's grace (15 s)
            Await.until(() -> hub.metric("vaktpost_hub_panels_online") == 44.0, Duration.ofSeconds(10),
                    "the two panels that went away shown offline");
            assertThat(hub.text("SELECT group_concat(site || '/' || panel, ',') FROM (SELECT site, panel FROM supervision "
                    + "WHERE kind = 'STATUS_OFFLINE' ORDER BY site)")).isEqualTo("s01/p1,s45/p1");
            hub.process().awaitLine("presence link: read the retained messages of " + hub.get("/api/sites").size() + " filters",
                    Duration.ofSeconds(10));
        }
    }

    private static String status(boolean online) {
        return "{\"online\":" + online + ",\"at\":\"2026-12-02T08:00:00Z\",\"heartbeat\":300}";
    }

    private static void clearRetainedState(MosquittoBroker broker, String site) throws Exception {
        try (se.vaktpost.system.fixture.MqttTestClient c = se.vaktpost.system.fixture.MqttTestClient.intruder(broker, "test-wiper")) {
            c.publish(Topics.state(site), new byte[0], true);
        }
    }
}
