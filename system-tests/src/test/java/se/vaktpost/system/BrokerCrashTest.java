package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.3: the broker is SIGKILLed while 10 panels send 100 events; the hub ends with exactly 100. */
class BrokerCrashTest {
    @TempDir
    Path dir;

    @Test
    void brokerKilledMidStreamLosesNothingAndDuplicatesNothing() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 10).start();
             PanelRig panels = new PanelRig(dir, broker)) {
            for (int i = 1; i <= 10; i++) {
                panels.add("alfa", "a" + i);
            }
            List<Panel> all = panels.all();
            Await.until(() -> all.stream().allMatch(Panel::connected), Duration.ofSeconds(20), "connected");

            for (int round = 1; round <= 10; round++) {
                for (Panel p : all) {
                    PanelRig.tap(p, Input.ALARM_BUTTON);
                }
                if (round == 4) {
                    broker.kill();
                }
                if (round == 7) {
                    broker.restart();
                }
            }

            Await.until(() -> all.stream().allMatch(p -> p.unconfirmedEvents() == 0), Duration.ofSeconds(60),
                    "every panel has its 10 events acked");
            assertThat(hub.count("SELECT count(*) FROM events")).isEqualTo(100);
            assertThat(hub.count("SELECT count(DISTINCT panel || '#' || seq) FROM events")).isEqualTo(100);
            assertThat(hub.count("SELECT count(*) FROM (SELECT panel FROM events GROUP BY panel "
                    + "HAVING count(*) = 10 AND min(seq) = 1 AND max(seq) = 10)")).isEqualTo(10);
            PanelRig.sleep(3_000);
            assertThat(hub.count("SELECT count(*) FROM events")).as("late retries add nothing").isEqualTo(100);
        }
    }
}
