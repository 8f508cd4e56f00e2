package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue item 6.6: the agent is SIGKILLed after a press but before the publish completes. */
class AgentCrashTest {
    private static final Pattern STORED = Pattern.compile("stored event id=([0-9a-f-]{36}) type=ALARM");
    @TempDir
    Path dir;

    @Test
    void pressStoredBeforeTheAgentDiesArrivesOnceAfterItRestarts() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start();
             AgentProcess agent = new AgentProcess(dir, broker, "alfa/a1", 5).start()) {
            agent.awaitConnected();
            // With the broker gone the publish cannot complete: the press exists only in the outbox.
            broker.kill();
            agent.type("larm a1");
            Matcher m = STORED.matcher(agent.process().awaitLine(l -> STORED.matcher(l).find(), Duration.ofSeconds(10)));
            assertThat(m.find()).isTrue();
            String id = m.group(1);
            agent.kill();
            assertThat(hub.count("SELECT count(*) FROM events")).isZero();

            broker.restart();
            agent.start();
            Await.until(() -> hub.count("SELECT count(*) FROM events WHERE id='" + id + "'") == 1,
                    Duration.ofSeconds(30), "the stored press reaches the hub after the agent restarts");
            agent.process().awaitLine("hub confirmed event " + id, Duration.ofSeconds(10));
            PanelRig.sleep(3_000);
            assertThat(hub.count("SELECT count(*) FROM events")).as("exactly once").isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE kind='ALARM'")).isEqualTo(1);
        }
    }

}
