package se.vaktpost.protocol.transport;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Every message of the contract goes at QoS 1; this turns Paho's callback into a future. */
public final class Publish {
    private Publish() {
    }

    /** Completes when the broker acknowledged the message; fails (never throws) otherwise. */
    public static CompletableFuture<Void> qos1(MqttAsyncClient client, String topic, byte[] payload, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        try {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
