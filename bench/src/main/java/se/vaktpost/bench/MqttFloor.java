package se.vaktpost.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import se.vaktpost.protocol.transport.OnMessage;

/** The floor: a bare QoS 1 publish to one subscriber, and to 50, through the same broker and transport. */
final class MqttFloor {
    private MqttFloor() {
    }

    static long[] singleHop(BenchTransport transport, int samples) throws Exception {
        MqttClient pub = transport.publisher("floor-pub");
        MqttClient sub = transport.subscriber(1);
        String topic = transport.floorTopic();
        BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(1);
        sub.setCallback((OnMessage) (t, m) -> arrivals.put(System.nanoTime()));
        sub.subscribe(topic, 1);
        long[] out = new long[samples];
        for (int i = -50; i < samples; i++) {
            long t0 = System.nanoTime();
            publish(pub, topic);
            Long t1 = arrivals.poll(5, TimeUnit.SECONDS);
            if (t1 == null) {
                throw new IllegalStateException("floor message lost");
            }
            if (i >= 0) {
                out[i] = t1 - t0;
            }
        }
        close(pub, sub);
        return out;
    }

    /** One publish, 50 subscribers; time until the last one has it. */
    static long[] fanOut(BenchTransport transport, int subscribers, int samples) throws Exception {
        MqttClient pub = transport.publisher("fan-pub");
        String topic = transport.floorTopic();
        MqttClient[] subs = new MqttClient[subscribers];
        AtomicReference<CountDownLatch> round = new AtomicReference<>();
        for (int i = 0; i < subscribers; i++) {
            subs[i] = transport.subscriber(i + 1);
            subs[i].setCallback((OnMessage) (t, m) -> round.get().countDown());
            subs[i].subscribe(topic, 1);
        }
        long[] out = new long[samples];
        for (int i = -20; i < samples; i++) {
            CountDownLatch all = new CountDownLatch(subscribers);
            round.set(all);
            long t0 = System.nanoTime();
            publish(pub, topic);
            if (!all.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fan-out floor message lost");
            }
            if (i >= 0) {
                out[i] = System.nanoTime() - t0;
            }
        }
        close(pub);
        close(subs);
        return out;
    }

    /**
     * One QoS 1 publish, waited for. Paho 1.2.5 may still count the previous one in flight for a
     * moment after it completed (seen with TCP_NODELAY: "too many publishes in progress"); that one
     * is simply tried again, as the panels' and the hub's publish gate does.
     */
    private static void publish(MqttClient c, String topic) throws Exception {
        MqttMessage m = new MqttMessage(new byte[120]);
        m.setQos(1);
        for (int attempt = 0; ; attempt++) {
            try {
                c.publish(topic, m);
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != 32202 || attempt > 1000) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }

    private static void close(MqttClient... clients) throws Exception {
        for (MqttClient c : clients) {
            c.disconnect();
            c.close();
        }
    }
}
