package se.vaktpost.agent.mqtt;

import java.time.Duration;
import se.vaktpost.protocol.transport.BrokerConnection;

/** How a panel talks to the broker: where, as whom, and how often. */
public record MqttSettings(BrokerConnection broker, Duration keepAlive, Duration heartbeat, Duration sessionExpiry) {
    public MqttSettings {
        if (keepAlive.toSeconds() < 1 || heartbeat.toSeconds() < 1) {
            throw new IllegalArgumentException("keep-alive and heartbeat must be at least one second");
        }
    }

    /** Plain TCP without identity: only for a broker that lets anonymous clients in (a lab, a bench). */
    public MqttSettings(String plainUrl, Duration keepAlive, Duration heartbeat, Duration sessionExpiry) {
        this(BrokerConnection.anonymous(plainUrl), keepAlive, heartbeat, sessionExpiry);
    }

    public String brokerUrl() {
        return broker.url();
    }
}
