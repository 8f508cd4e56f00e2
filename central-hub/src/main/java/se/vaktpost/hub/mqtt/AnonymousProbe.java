package se.vaktpost.hub.mqtt;

import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import se.vaktpost.protocol.transport.BrokerConnection;

/**
 * Tries the broker as a stranger would: the same address and TLS trust, no user name. A broker
 * that lets such a client in lets anyone on the network publish a NORMAL state and unlock doors,
 * so the hub will not run against it unless told to ({@code --insecure}).
 */
public final class AnonymousProbe {
    /** What the probe found. */
    public enum Result { REFUSED, ACCEPTED, UNREACHABLE }

    private AnonymousProbe() {
    }

    public static Result probe(BrokerConnection broker) {
        BrokerConnection stranger = broker.withoutIdentity();
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(stranger.url(), "vaktpost-probe-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout(5);
            o.setAutomaticReconnect(false);
            stranger.apply(o, false);
            client.connect(o).waitForCompletion(6_000);
            client.disconnect().waitForCompletion(2_000);
            return Result.ACCEPTED;
        } catch (MqttException e) {
            // the broker's CONNACK: 0x86 bad user name or password, 0x87 not authorized
            int code = e.getReasonCode();
            return code == 0x86 || code == 0x87 ? Result.REFUSED : Result.UNREACHABLE;
        } finally {
            if (client != null) {
                try {
                    client.close(true);
                } catch (MqttException ignored) {
                    // closing a client that never connected
                }
            }
        }
    }
}
