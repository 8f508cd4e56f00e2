package se.vaktpost.hub.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Rejection;

/** What the hub counts. One Micrometer implementation and a no-op for tests; every method is thread-safe. */
public interface HubMetrics {
    String PREFIX = "vaktpost_hub_";

    /** Values read when scraped; each supplier must be safe to call from the scrape thread. */
    enum Gauge {
        PANELS_ONLINE("panels_online", "Panels currently online"),
        PANELS_CLOCK_SKEWED("panels_clock_skewed", "Panels whose clock is more than a minute off the hub's"),
        CORE_QUEUE("core_queue", "Inputs waiting for the hub's core"),
        OUTBOUND_QUEUE("outbound_queue", "States and acks waiting to be accepted by the broker"),
        NOTIFICATIONS_WAITING("notifications_waiting", "Notifications not yet delivered (pending, being sent or to be retried)");

        public final String meter;
        public final String description;

        Gauge(String meter, String description) {
            this.meter = PREFIX + meter;
            this.description = description;
        }
    }

    void eventRecorded(EventType type);

    /** An event recorded but not acted on: late, refused or held. */
    void notActed(Decision.Verdict verdict);

    /** An event acted on (or held) without knowing its order: marked for the security unit. */
    void orderUnknown();

    /** An event from a panel whose clock is far from the hub's; accepted all the same. */
    void skewedClock();

    void duplicate();

    void rejected(Rejection reason);

    /** From the press (hub time) to the retained lockdown state accepted by the broker. */
    void lockdownFanout(Duration took);

    /** From a panel event's arrival at the hub to its commit and ack: the core's own share of the alarm path. */
    void eventHandled(Duration took);

    /** An alarm or lockdown went unacknowledged past the configured time. */
    void escalated();

    /** A state or ack sent: how long it waited for room in the window, and the broker's answer after it. */
    void published(Duration waited, Duration answered);

    /** A publish the broker did not take, queued again. */
    void publishRetried();

    /** A retained state at the broker that differed from the hub's and was published again. */
    void stateRepaired();

    /** Presence changes that could not be written (the live view still has them). */
    void presenceWriteFailed(int panels);

    void gauge(Gauge gauge, Supplier<Number> value);

    /**
     * A notification's outcome on a channel (sent, failed (will retry), gave_up); for a sent one,
     * {@code sinceNotice} is from the notice's hub time to the receiver's answer.
     */
    default void notification(String channel, String outcome, Duration sinceNotice) {
    }

    HubMetrics NOOP = new HubMetrics() {
        @Override
        public void eventRecorded(EventType type) {
        }

        @Override
        public void notActed(Decision.Verdict verdict) {
        }

        @Override
        public void orderUnknown() {
        }

        @Override
        public void skewedClock() {
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
        public void eventHandled(Duration took) {
        }

        @Override
        public void escalated() {
        }

        @Override
        public void published(Duration waited, Duration answered) {
        }

        @Override
        public void publishRetried() {
        }

        @Override
        public void stateRepaired() {
        }

        @Override
        public void presenceWriteFailed(int panels) {
        }

        @Override
        public void gauge(Gauge gauge, Supplier<Number> value) {
        }
    };
}
