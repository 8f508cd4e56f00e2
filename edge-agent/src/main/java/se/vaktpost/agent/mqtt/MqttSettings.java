package se.vaktpost.agent.mqtt;

import java.time.Duration;

/** How a panel talks to the broker. */
public record MqttSettings(String brokerUrl, Duration keepAlive, Duration heartbeat, Duration sessionExpiry) {
    public MqttSettings {
        if (keepAlive.toSeconds() < 1 || heartbeat.toSeconds() < 1) {
            throw new IllegalArgumentException("keep-alive and heartbeat must be at least one second");
        }
    }
}
