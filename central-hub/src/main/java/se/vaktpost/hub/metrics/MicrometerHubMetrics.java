package se.vaktpost.hub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Rejection;

/** Micrometer meters, scraped as Prometheus text on /metrics. */
public final class MicrometerHubMetrics implements HubMetrics {
    private static final String EVENTS = "events_received";
    private static final String NOT_ACTED = "events_not_acted";
    private static final String REJECTED = "messages_rejected";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer fanout;
    private final Timer handled;
    private final Timer outboundWait;
    private final Timer outboundAnswer;

    public MicrometerHubMetrics() {
        // Heap, GC, threads and CPU: what an operator needs to see the hub is healthy under load.
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        for (EventType t : EventType.values()) {
            counter(EVENTS, "type", t.name());
        }
        for (Rejection r : Rejection.values()) {
            counter(REJECTED, "reason", r.tag());
        }
        for (Decision.Verdict v : Decision.Verdict.values()) {
            if (v != Decision.Verdict.ACTED) {
                counter(NOT_ACTED, "verdict", tag(v));
            }
        }
        counter("events_duplicate");
        counter("events_order_unknown");
        counter("events_from_skewed_clocks");
        counter("incidents_escalated");
        counter("publish_retries");
        counter("states_repaired");
        counter("presence_write_failures");
        fanout = Timer.builder(PREFIX + "lockdown_fanout")
                .description("Press (hub time) to retained lockdown state accepted by the broker")
                // a histogram (Prometheus computes quantiles from it; client-side percentiles of a
                // histogram are not exported); the product's objective is one second: a bucket there, so alerts can count the misses
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .register(registry);
        outboundWait = Timer.builder(PREFIX + "outbound_wait")
                .description("A state or ack queued at the hub until the broker's window had room")
                .publishPercentiles(0.5, 0.99).register(registry);
        outboundAnswer = Timer.builder(PREFIX + "outbound_answer")
                .description("A state or ack sent until the broker acknowledged it")
                .publishPercentiles(0.5, 0.99).register(registry);
        handled = Timer.builder(PREFIX + "event_handling")
                .description("A panel event's arrival at the hub to its commit and ack (queue and core)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    @Override
    public void notification(String channel, String outcome, Duration sinceNotice) {
        registry.counter(PREFIX + "notifications", "channel", channel, "outcome", outcome).increment();
        if (sinceNotice != null) {
            Timer.builder(PREFIX + "notification_delivery").description("A notice (hub time) to the channel's receiver accepting the message")
                    .tag("channel", channel).publishPercentiles(0.5, 0.99).register(registry)
                    .record(sinceNotice.isNegative() ? Duration.ZERO : sinceNotice);
        }
    }

    @Override
    public void published(Duration waited, Duration answered) {
        outboundWait.record(waited);
        outboundAnswer.record(answered);
    }

    @Override
    public void eventHandled(Duration took) {
        handled.record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void eventRecorded(EventType type) {
        counter(EVENTS, "type", type.name()).increment();
    }

    @Override
    public void notActed(Decision.Verdict verdict) {
        counter(NOT_ACTED, "verdict", tag(verdict)).increment();
    }

    @Override
    public void orderUnknown() {
        counter("events_order_unknown").increment();
    }

    @Override
    public void skewedClock() {
        counter("events_from_skewed_clocks").increment();
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
    public void publishRetried() {
        counter("publish_retries").increment();
    }

    @Override
    public void stateRepaired() {
        counter("states_repaired").increment();
    }

    @Override
    public void presenceWriteFailed(int panels) {
        counter("presence_write_failures").increment(panels);
    }

    @Override
    public void rejected(Rejection reason) {
        counter(REJECTED, "reason", reason.tag()).increment();
    }

    @Override
    public void lockdownFanout(Duration took) {
        fanout.record(took.isNegative() ? Duration.ZERO : took);
    }

    @Override
    public void gauge(Gauge gauge, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(gauge.meter, value).description(gauge.description).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    /**
     * Only the series named (Prometheus's {@code name[]} parameter): a poll of one gauge need not
     * render the ten thousand per-panel series of a large installation.
     */
    public String scrape(java.util.Set<String> names) {
        return names.isEmpty() ? registry.scrape() : registry.scrape("text/plain; version=0.0.4; charset=utf-8", names);
    }

    /** One HTTP request: method, the route's template (e.g. /api/sites/:site), status and how long it took. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("http_server_requests").description("HTTP requests to the hub by method, route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** For metrics Micrometer has no kind of (an Info). */
    io.prometheus.metrics.model.registry.PrometheusRegistry prometheus() {
        return registry.getPrometheusRegistry();
    }

    /** For gauges registered by their feature (OperationsGauges). */
    io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(PREFIX + name).tags(tags).register(registry);
    }

    private static String tag(Decision.Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }
}
