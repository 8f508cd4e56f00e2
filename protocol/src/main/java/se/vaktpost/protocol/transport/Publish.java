package se.vaktpost.protocol.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Every QoS 1 publish of one client goes through its gate, which never asks Paho for more
 * publishes in flight than the broker's receive maximum. Paho 1.2.5 refuses such a publish
 * ("too many publishes in progress", 32202) only after it has recorded an outgoing topic alias for
 * the topic, so the next publish to that topic goes out with an alias the broker never learned and
 * the broker drops the connection as a protocol error. A publish beyond the window fails at once
 * with {@link WindowFull}; callers send it again later. A publish counts until its listener has
 * run, which Paho does after lowering its own count, so the gate never counts fewer than Paho.
 */
public final class Publish {
    /** MQTT's own receive maximum when the broker names none. */
    private static final int UNLIMITED = 65_535;

    /** The broker's window is full: send again after a moment. */
    public static final class WindowFull extends IllegalStateException {
        WindowFull(int window) {
            super("the broker takes " + window + " publishes at a time; send again shortly");
        }
    }

    private final MqttAsyncClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int window = UNLIMITED;

    public Publish(MqttAsyncClient client) {
        this.client = client;
    }

    /** Takes the broker's receive maximum from a successful connect's token (its CONNACK). */
    public void connected(IMqttToken connect) {
        MqttProperties connack = connect.getResponseProperties();
        Integer max = connack == null ? null : connack.getReceiveMaximum();
        window = max == null || max <= 0 ? UNLIMITED : max;
    }

    /** The broker's receive maximum as last connected. */
    public int window() {
        return window;
    }

    /** Completes when the broker acknowledged the message; fails (never throws) otherwise. */
    public CompletableFuture<Void> qos1(String topic, byte[] payload, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int limit = window;
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            done.completeExceptionally(new WindowFull(limit));
            return done;
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        try {
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.decrementAndGet();
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    inFlight.decrementAndGet();
                    done.completeExceptionally(e);
                }
            });
        } catch (Exception e) {
            inFlight.decrementAndGet();
            done.completeExceptionally(e);
        }
        return done;
    }
}
