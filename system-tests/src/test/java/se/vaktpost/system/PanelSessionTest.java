package se.vaktpost.system;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.protocol.Topics;
import se.vaktpost.system.fixture.AgentProcess;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.MqttTestClient;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * A panel's broker session outlives its connection: it asks for one that never ends by time (which
 * keeps Mosquitto's mass disconnects linear, docs/operations.md), and the broker must take that as a
 * kept session, so that a panel that was away gets its site's lockdown when it is back, hub or no hub.
 */
class PanelSessionTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    @TempDir
    Path dir;

    @Test
    void aPanelThatWasAwayGetsItsSitesLockdownFromItsSessionWhileThereIsNoHub() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             MqttTestClient watcher = MqttTestClient.intruder(broker, "watcher").subscribe(Topics.siteEventsFilter("alfa"));
             AgentProcess away = new AgentProcess(dir, broker, "alfa/a1", 3).start();
             AgentProcess presser = new AgentProcess(dir, broker, "alfa/a2", 3).start()) {
            away.awaitConnected();
            presser.awaitConnected();

            away.kill(); // SIGKILL: no goodbye, the broker keeps the session
            presser.type("inrymning a2");
            Await.until(() -> !watcher.received().isEmpty(), SOON, "the press at the broker");
            // no ack without a hub, so the presser would send it again: gone, only the session holds it now
            presser.kill();

            away.start();
            away.process().awaitLine("alfa/a1: LOCKDOWN ON [local]", SOON);
        }
    }
}
