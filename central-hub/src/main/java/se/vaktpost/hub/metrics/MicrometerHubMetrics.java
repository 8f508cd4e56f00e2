package se.vaktpost.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Rejection;

/** Micrometer meters, scraped as Prometheus text on /metrics. */
public final class MicrometerHubMetrics implements HubMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer fanout;

    public MicrometerHubMetrics() {
        for (EventType t : EventType.values()) {
            counter("events_received", "type", t.name());
        }
        for (Rejection r : Rejection.values()) {
            counter("messages_rejected", "reason", r.tag());
        }
        counter("events_duplicate");
        counter("incidents_escalated");
        fanout = Timer.builder(PREFIX + "lockdown_fanout")
                .description("Press on the panel to retained lockdown state accepted by the broker")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Override
    public void eventRecorded(EventType type) {
        counter("events_received", "type", type.name()).increment();
    }

    @Override
    public void duplicate() {
        counter("events_duplicate").increment();
    }

    @Override
    public void escalated() {
        counter("incidents_escalated").increment();
    }

    @Override
    public void rejected(Rejection reason) {
        counter("messages_rejected", "reason", reason.tag()).increment();
    }

    @Override
    public void lockdownFanout(Duration took) {
        fanout.record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void panelsOnline(Supplier<Number> count) {
        Gauge.builder(PREFIX + "panels_online", count).description("Panels currently online").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(PREFIX + name).tags(tags).register(registry);
    }
}
