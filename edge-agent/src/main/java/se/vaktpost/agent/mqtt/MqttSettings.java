package se.vaktpost.agent.mqtt;

import java.time.Duration;
import se.vaktpost.protocol.transport.BrokerConnection;

/** How a panel talks to the broker: where, as whom, and how often. */
public record MqttSettings(BrokerConnection broker, Duration keepAlive, Duration heartbeat) {
    /**
     * The session a panel asks the broker for: kept, and never ended by time (MQTT 5's 0xFFFFFFFF).
     * Kept, so that a panel that was away gets its site's events and its acks from the broker when
     * it is back, also while the hub is down. Never ended by time, because Mosquitto (2.0.11, and
     * the newest source looked at) keeps every disconnected session that has an end in one list
     * sorted by that end, in whole seconds, and inserts by walking from the start past every
     * earlier end: when 10,000 panels drop at once and the drops span a change of the broker's
     * second, each drop after it walks past every drop before it, and the broker's one thread spent
     * 1-2 s on that while a lockdown's state waited behind it (docs/performance.md, 2026-12-05). A
     * session that never ends is not put in that list. What it costs: a panel taken out of service
     * keeps a small session at the broker until it is ended (docs/operations.md, "Session expiry").
     */
    public static final long SESSION_NEVER_EXPIRES = 0xFFFF_FFFFL;

    public MqttSettings {
        if (keepAlive.toSeconds() < 1 || heartbeat.toSeconds() < 1) {
            throw new IllegalArgumentException("keep-alive and heartbeat must be at least one second");
        }
    }

    /** Plain TCP without identity: only for a broker that lets anonymous clients in (a lab, a bench). */
    public MqttSettings(String plainUrl, Duration keepAlive, Duration heartbeat) {
        this(BrokerConnection.anonymous(plainUrl), keepAlive, heartbeat);
    }

    public String brokerUrl() {
        return broker.url();
    }
}
