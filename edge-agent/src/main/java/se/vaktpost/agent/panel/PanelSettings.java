package se.vaktpost.agent.panel;

import java.nio.file.Path;
import java.time.Duration;
import se.vaktpost.agent.mqtt.MqttSettings;
import se.vaktpost.agent.press.PressInterpreter;

/** Everything one panel needs to run, loaded once at start. */
public record PanelSettings(String site, String panel, Path dataDir, PressInterpreter.Settings press,
                            MqttSettings mqtt, Duration retryAfter, int outboxCapacity) {

    public Path outboxFile() {
        return dataDir.resolve(site + "--" + panel + ".outbox.db");
    }

    public String name() {
        return site + "/" + panel;
    }
}
