package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.system.fixture.RawClient;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #9, item 2: a late retry does not lock again; a clock in the year 9999999 changes nothing lasting. */
class LateAndFarFutureTest {
    private static final Duration SOON = Duration.ofSeconds(5);
    @TempDir
    Path dir;

    private static String mode(HubProcess hub) {
        return hub.get("/api/sites/alfa").get("mode").asText();
    }

    private static long version(HubProcess hub) {
        return hub.get("/api/sites/alfa").get("version").asLong();
    }

    @Test
    void aPressMadeBeforeTheAllClearAndDeliveredLateLocksNeitherTheHubNorThePanelsAgain() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig rig = new PanelRig(dir, broker);
             RawClient a3 = new RawClient(broker, "panel.alfa.a3")) {
            Panel a1 = rig.add("alfa", "a1");
            Panel a2 = rig.add("alfa", "a2");
            Await.until(() -> a1.connected() && a2.connected(), Duration.ofSeconds(20), "panels connected");
            long normalBefore = version(hub);
            PanelRig.holdLockdown(a1);
            Await.until(() -> "LOCKDOWN".equals(mode(hub)), SOON, "hub in lockdown");
            Instant clearing = Instant.now();
            assertThat(hub.as(HubProcess.ADMIN).post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
            Await.until(() -> !PanelRig.lockedDown(a1) && !PanelRig.lockedDown(a2), SOON, "panels back to normal");

            // a3 pressed 20 s before the all-clear, had seen only the NORMAL before the lockdown, and
            // its press arrives only now (say it was cut off the network in between).
            long age = Duration.between(clearing, Instant.now()).toMillis() + 20_000;
            PanelEvent late = new PanelEvent(UUID.randomUUID(), "alfa", "a3", EventType.LOCKDOWN, Instant.now(), 7, false,
                    normalBefore, OptionalLong.of(age));
            a3.publish(late);
            Await.until(() -> hub.count("SELECT count(*) FROM events WHERE id = '" + late.id() + "'") == 1, SOON,
                    "the late press recorded");
            assertThat(hub.count("SELECT count(*) FROM events WHERE verdict = 'LATE' AND ordering = 'BEFORE'")).isEqualTo(1);
            long watchUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < watchUntil) {
                assertThat(mode(hub)).isEqualTo("NORMAL");
                assertThat(PanelRig.lockedDown(a1) || PanelRig.lockedDown(a2)).as("no panel locks again").isFalse();
                PanelRig.sleep(50);
            }
            assertThat(hub.metric("vaktpost_hub_events_not_acted_total{verdict=\"late\"}")).isEqualTo(1.0);

            // A press made after the all-clear locks, even from a panel that has not seen it yet.
            a3.publish(new PanelEvent(UUID.randomUUID(), "alfa", "a3", EventType.LOCKDOWN, Instant.now(), 8, false,
                    normalBefore, OptionalLong.of(50)));
            Await.until(() -> "LOCKDOWN".equals(mode(hub)), SOON, "a fresh press locks");
            Await.until(() -> PanelRig.lockedDown(a1) && PanelRig.lockedDown(a2), SOON, "and every panel with it");
        }
    }

    @Test
    void anEventStampedInTheYearNineMillionChangesNothingLastingEvenAcrossARestart() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig rig = new PanelRig(dir, broker);
             RawClient a3 = new RawClient(broker, "panel.alfa.a3")) {
            Panel a1 = rig.add("alfa", "a1");
            Await.until(a1::connected, Duration.ofSeconds(20), "panel connected");
            a3.publish(new PanelEvent(UUID.randomUUID(), "alfa", "a3", EventType.LOCKDOWN,
                    Instant.parse("+9999999-01-01T00:00:00Z"), 1, false, version(hub), OptionalLong.of(5)));
            Await.until(() -> "LOCKDOWN".equals(mode(hub)), SOON, "the press locks: its clock is not used");
            Await.until(() -> PanelRig.lockedDown(a1), SOON, "a1 locked");
            assertThat(hub.as(HubProcess.ADMIN).post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);
            Await.until(() -> !PanelRig.lockedDown(a1), SOON, "the all-clear ends it");

            hub.kill();
            hub.start();
            PanelRig.holdLockdown(a1);
            Await.until(() -> "LOCKDOWN".equals(mode(hub)), SOON, "after a restart a press still locks the school");
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE kind = 'LOCKDOWN'")).isEqualTo(2);
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE opened_at > '2100'")).as("no far-future time used").isZero();
        }
    }
}
