package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.hardware.Output;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 3: immediate local feedback on a press, a distinct signal on the hub's ack, a silent alarm. */
class PressFeedbackTest {
    @TempDir
    Path dir;

    @Test
    void silentAlarmBlinksUntilTheHubAcksThenShowsSteadyAndNeverSounds() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1);
             PanelRig panels = new PanelRig(dir, broker)) {
            Panel p = panels.add("alfa", "a1");
            Await.until(p::connected, Duration.ofSeconds(20), "connected");
            Await.until(() -> p.board().isOn(Output.STATUS_LED), Duration.ofSeconds(2), "steady status LED");

            // No hub yet: the press is held in the outbox and the status LED blinks.
            PanelRig.tap(p, Input.ALARM_BUTTON);
            Set<Boolean> seen = new HashSet<>();
            long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
            while (System.nanoTime() < end) {
                seen.add(p.board().isOn(Output.STATUS_LED));
                assertThat(p.board().isOn(Output.BUZZER)).as("a silent alarm never sounds").isFalse();
                PanelRig.sleep(20);
            }
            assertThat(p.unconfirmedEvents()).isEqualTo(1);
            assertThat(seen).as("status LED blinks while waiting for the ack").containsExactlyInAnyOrder(true, false);

            hub.start();
            Await.until(() -> p.unconfirmedEvents() == 0, Duration.ofSeconds(15), "the hub's ack");
            PanelRig.sleep(300);
            for (int i = 0; i < 30; i++) {
                assertThat(p.board().isOn(Output.STATUS_LED)).as("steady after the ack").isTrue();
                assertThat(p.board().isOn(Output.BUZZER)).isFalse();
                PanelRig.sleep(20);
            }
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE kind='ALARM'")).isEqualTo(1);
        }
    }
}
