package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.5: with the hub stopped, lockdown on one panel still reaches every panel of its site. */
class LockdownWithoutHubTest {
    @TempDir
    Path dir;

    @Test
    void lockdownSpreadsPanelToPanelWhileTheHubIsDeadAndTheHubRecordsItWhenBack() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 3).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            for (String p : new String[] {"a1", "a2", "a3"}) {
                panels.add("alfa", p);
            }
            panels.add("beta", "b1");
            Await.until(() -> panels.all().stream().allMatch(Panel::connected), Duration.ofSeconds(20), "connected");
            hub.kill();

            PanelRig.holdLockdown(panels.site("alfa").get(1));
            Duration took = Await.until(() -> panels.site("alfa").stream().allMatch(PanelRig::lockedDown),
                    Duration.ofSeconds(3), "every alfa panel locked without the hub");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(panels.site("beta")).noneMatch(PanelRig::lockedDown);
            assertThat(panels.site("alfa").get(1).unconfirmedEvents()).as("no hub, so no ack yet").isEqualTo(1);

            hub.start();
            Await.until(() -> hub.count("SELECT count(*) FROM events WHERE type='LOCKDOWN'") == 1,
                    Duration.ofSeconds(15), "the hub records the lockdown once it is back");
            Await.until(() -> panels.site("alfa").get(1).unconfirmedEvents() == 0, Duration.ofSeconds(10),
                    "the panel gets its ack");
            assertThat(hub.get("/api/sites/alfa").get("mode").asText()).isEqualTo("LOCKDOWN");
            assertThat(panels.site("alfa")).allMatch(PanelRig::lockedDown);
        }
    }
}
