package se.vaktpost.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import se.vaktpost.protocol.transport.OnMessage;
import se.vaktpost.agent.lockdown.PanelLockdown;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.agent.panel.PanelSettings;
import se.vaktpost.agent.press.PressInterpreter;
import se.vaktpost.hardware.Boards;
import se.vaktpost.hardware.Input;
import se.vaktpost.hardware.Output;
import se.vaktpost.hardware.PinMap;
import se.vaktpost.hardware.SimulatedBoard;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.signing.HubSignature;

/**
 * 50 real panels (agent code, mock GPIO, SQLite outbox) on one site. Each sample: the lockdown
 * is confirmed on one panel (hold and debounce set to zero, so the press is the confirmation)
 * and the clock stops when every panel has its lockdown LED and door lock on. Between samples the
 * bench plays the hub: it acks the press (as the lockdown's version) and gives the all-clear as a
 * retained NORMAL of the version after it, which is what ends a panel's own press.
 */
final class LockdownFanout implements AutoCloseable {
    private static final String SITE = BenchTransport.SITE;
    private final List<Panel> panels = new ArrayList<>();
    private final java.util.concurrent.ExecutorService acks = java.util.concurrent.Executors.newSingleThreadExecutor();
    private final MqttClient hubStandIn;
    /** The stand-in hub's state version: a press is acked as version + 1, the all-clear is version + 2. */
    private volatile long version;

    private final BenchTransport transport;

    LockdownFanout(BenchTransport transport, Path dir, int count) throws Exception {
        this.transport = transport;
        for (int i = 1; i <= count; i++) {
            PanelSettings s = new PanelSettings(SITE, "p" + i, dir,
                    new PressInterpreter.Settings(Duration.ZERO, Duration.ZERO), transport.panel("p" + i),
                    Duration.ofSeconds(3), 100_000);
            Panel p = new Panel(s, Boards.simulated(PinMap.defaults(), SITE + "-p" + i), Clock.systemUTC());
            p.start();
            panels.add(p);
        }
        hubStandIn = transport.publisher("bench-hub");
        hubStandIn.setCallback((OnMessage) (topic, message) -> {
            if (Codec.decodeEvent(message.getPayload()) instanceof Decoded.Valid<PanelEvent> e) {
                EventAck a = new EventAck(e.value().id(), null, version + 1);
                MqttMessage ack = new MqttMessage(Codec.encode(a,
                        transport.sign(HubSignature.ack(SITE, e.value().panel(), a))));
                ack.setQos(1);
                // From the callback thread a blocking publish would wait on itself.
                acks.execute(() -> publish(Topics.ack(SITE, e.value().panel()), ack));
            }
        });
        hubStandIn.subscribe(Topics.siteEventsFilter(SITE), 1);
        waitFor(() -> panels.stream().allMatch(Panel::connected), "panels connected");
        // As a hub's fresh site: version 0, which every press has seen; a new NORMAL version comes
        // only with an all-clear that ends a lockdown.
        publish(Topics.state(SITE), retained(SiteState.normal(Instant.now(), 0)));
        waitFor(() -> panels.stream().allMatch(p -> p.indication() instanceof PanelLockdown.Indication.Normal),
                "the first state taken");
    }

    private MqttMessage retained(SiteState state) {
        MqttMessage m = new MqttMessage(Codec.encode(state, transport.sign(HubSignature.state(SITE, state))));
        m.setQos(1);
        m.setRetained(true);
        return m;
    }

    /** Press to the pressing panel's own outputs, per sample of the last {@link #run}. */
    long[] local;

    long[] run(int warmup, int samples) throws Exception {
        long[] out = new long[samples];
        local = new long[samples];
        SimulatedBoard first = (SimulatedBoard) panels.get(0).board();
        for (int i = -warmup; i < samples; i++) {
            long t0 = System.nanoTime();
            first.press(Input.LOCKDOWN_BUTTON);
            long localAt = 0;
            while (!panels.stream().allMatch(LockdownFanout::locked)) {
                // Parked, not spinning: on two cores a spinning observer would steal a panel's CPU.
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                if (localAt == 0 && locked(panels.get(0))) {
                    localAt = System.nanoTime();
                }
                if (System.nanoTime() - t0 > 10_000_000_000L) {
                    throw new IllegalStateException("lockdown did not reach every panel within 10 s; still open: "
                            + panels.stream().filter(p -> !locked(p)).map(Panel::name).toList());
                }
            }
            long took = System.nanoTime() - t0;
            first.release(Input.LOCKDOWN_BUTTON);
            if (i >= 0) {
                out[i] = took;
                local[i] = (localAt == 0 ? System.nanoTime() : localAt) - t0;
            }
            allClear();
        }
        return out;
    }

    private void publish(String topic, MqttMessage m) {
        try {
            hubStandIn.publish(topic, m);
        } catch (Exception e) {
            throw new IllegalStateException("the stand-in hub could not publish", e);
        }
    }

    private void allClear() throws Exception {
        Thread.sleep(5);
        version += 2;
        hubStandIn.publish(Topics.state(SITE), retained(SiteState.normal(Instant.now(), version)));
        waitFor(() -> panels.stream().noneMatch(LockdownFanout::locked), "panels back to normal");
    }

    private static boolean locked(Panel p) {
        return p.indication() instanceof PanelLockdown.Indication.Locked
                && p.board().isOn(Output.LOCKDOWN_LED) && p.board().isOn(Output.DOOR_LOCK);
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void close() throws Exception {
        panels.forEach(Panel::close);
        acks.shutdownNow();
        hubStandIn.disconnect();
        hubStandIn.close();
    }
}
