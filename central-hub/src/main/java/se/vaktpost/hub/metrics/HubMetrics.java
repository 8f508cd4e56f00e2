package se.vaktpost.hub.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Rejection;

/** What the hub counts. One Micrometer implementation and a no-op for tests. */
public interface HubMetrics {
    String PREFIX = "vaktpost_hub_";

    void eventRecorded(EventType type);

    void duplicate();

    void rejected(Rejection reason);

    /** From the panel's press (event time) to the retained lockdown state accepted by the broker. */
    void lockdownFanout(Duration took);

    void panelsOnline(Supplier<Number> count);

    /** An alarm or lockdown went unacknowledged past the configured time. */
    void escalated();

    HubMetrics NOOP = new HubMetrics() {
        @Override
        public void eventRecorded(EventType type) {
        }

        @Override
        public void duplicate() {
        }

        @Override
        public void rejected(Rejection reason) {
        }

        @Override
        public void lockdownFanout(Duration took) {
        }

        @Override
        public void panelsOnline(Supplier<Number> count) {
        }

        @Override
        public void escalated() {
        }
    };
}
