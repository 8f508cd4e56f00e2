package se.vaktpost.hub.app;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.mqtt.MqttLink;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;

/** How the hub reaches the broker, and which of its connections its credentials allow. */
final class HubConnections {
    private static final Logger LOG = LoggerFactory.getLogger(HubConnections.class);

    private HubConnections() {
    }

    /** As the hub's own identities over TLS when credentials are given; otherwise anonymous, plain. */
    static BrokerConnection broker(Path credentials, String url) {
        if (credentials == null) {
            return BrokerConnection.anonymous(url);
        }
        MqttCredentials c = MqttCredentials.load(credentials);
        if (c.presence().isEmpty()) {
            throw new HubMain.StartupException(credentials + " holds no presence identity; these are a panel's credentials, "
                    + "not the hub's (broker-config writes the hub's into security/hub-mqtt)");
        }
        return BrokerConnection.as(c, url);
    }

    /**
     * The second connection for states ({@code states-} before the client id without credentials);
     * none, said once, with credentials issued before it existed: every state then goes on the alarm path.
     */
    static MqttLink stateLink(BrokerConnection broker, MqttCredentials creds, String clientId,
                              ScheduledExecutorService timers) throws MqttException {
        if (creds != null && creds.states().isEmpty()) {
            LOG.warn("the hub's MQTT credentials hold no identity for its state link: every state goes on the alarm "
                    + "path; run 'central-hub broker-config' again to issue it (and restart the broker)");
            return null;
        }
        return MqttLink.states(broker, creds != null ? creds.states().get().username() : "states-" + clientId, timers);
    }
}
