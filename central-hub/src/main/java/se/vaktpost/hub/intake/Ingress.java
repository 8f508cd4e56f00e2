package se.vaktpost.hub.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.core.HubCore;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.Identity;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;
import se.vaktpost.protocol.Rejection;
import se.vaktpost.protocol.Topics;

/**
 * The hub's edge for MQTT input, run on the MQTT client's one delivery thread: topic, registry,
 * decoding and spoof checks happen here, so the core only ever sees valid, registered input. A
 * refused message is counted, logged (the first few per reason and minute), kept for review and
 * released to the broker at once; it never takes a place in the core's event lane.
 */
public final class Ingress {
    private static final Logger LOG = LoggerFactory.getLogger(Ingress.class);

    /** What became of one message. */
    public enum Outcome { EVENT, STATUS, STATE, REJECTED }

    /** Where the retained site states the hub follows go: the publisher that keeps them right. */
    public interface RetainedStates {
        void seen(String site, byte[] payload);
    }

    private final SiteRegistry registry;
    private final HubCore core;
    private final RetainedStates states;
    private final HubMetrics metrics;
    private final Clock clock;
    private final LogLimiter logLimiter = new LogLimiter(20, Duration.ofMinutes(1));
    private final PanelRates rates;
    private final java.util.function.LongSupplier nanoTime;

    public Ingress(SiteRegistry registry, HubCore core, RetainedStates states, HubMetrics metrics, Clock clock) {
        this(registry, core, states, metrics, clock, PanelRates.defaults(), System::nanoTime);
    }

    public Ingress(SiteRegistry registry, HubCore core, RetainedStates states, HubMetrics metrics, Clock clock,
                   PanelRates rates, java.util.function.LongSupplier nanoTime) {
        this.rates = rates;
        this.nanoTime = nanoTime;
        this.registry = registry;
        this.core = core;
        this.states = states;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One message from the broker. {@code release} acknowledges it to the broker: for an event after
     * the core committed it, for anything else at once. Waits only while the core's event lane is full.
     */
    public Outcome accept(String topic, byte[] payload, boolean retained, Runnable release) throws InterruptedException {
        Instant now = clock.instant();
        Optional<Topics.Address> address = Topics.parse(topic);
        Topics.Kind kind = address.map(Topics.Address::kind).orElse(null);
        if (kind == Topics.Kind.EVENTS) {
            Optional<PanelEvent> e = validEvent(topic, address.get(), payload, now);
            if (e.isEmpty()) {
                release.run();
                return Outcome.REJECTED;
            }
            PanelKey panel = new PanelKey(e.get().site(), e.get().panel());
            boolean within = rates.take(panel, nanoTime.getAsLong());
            if (!within && logLimiter.allow(Rejection.RATE_LIMITED, now)) {
                LOG.warn("panel {} sends beyond its rate: its events queue behind every other panel's", panel);
            }
            if (core.event(e.get(), now, release, within)) {
                return Outcome.EVENT;
            }
            release.run();
            return reject(topic, Rejection.RATE_LIMITED, panel.toString(), now);
        }
        try {
            if (kind == Topics.Kind.STATUS) {
                return status(topic, address.get(), payload, retained, now);
            }
            if (kind == Topics.Kind.STATE) {
                return state(address.get(), payload);
            }
            return reject(topic, Rejection.UNKNOWN_TOPIC, kind == null ? "not a topic of the contract"
                    : "not an events or status topic", now);
        } finally {
            release.run();
        }
    }

    private Optional<PanelEvent> validEvent(String topic, Topics.Address a, byte[] payload, Instant now) {
        Optional<Rejection> unknown = unregistered(a);
        if (unknown.isPresent()) {
            reject(topic, unknown.get(), a.site() + "/" + a.panel(), now);
            return Optional.empty();
        }
        Decoded<PanelEvent> d = Codec.decodeEvent(payload);
        if (d instanceof Decoded.Invalid<PanelEvent> bad) {
            reject(topic, bad.reason(), bad.detail(), now);
            return Optional.empty();
        }
        PanelEvent e = ((Decoded.Valid<PanelEvent>) d).value();
        Optional<String> spoof = Identity.mismatch(a, e);
        if (spoof.isPresent()) {
            reject(topic, Rejection.SPOOFED, spoof.get(), now);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    private Outcome status(String topic, Topics.Address a, byte[] payload, boolean retained, Instant now) {
        Optional<Rejection> unknown = unregistered(a);
        if (unknown.isPresent()) {
            return reject(topic, unknown.get(), a.site() + "/" + a.panel(), now);
        }
        Decoded<PanelStatus> d = Codec.decodeStatus(payload);
        if (d instanceof Decoded.Invalid<PanelStatus> bad) {
            // An empty retained message is how a status is deleted at the broker: nothing to say.
            return payload.length == 0 && retained ? Outcome.STATUS : reject(topic, bad.reason(), bad.detail(), now);
        }
        core.status(new PanelKey(a.site(), a.panel()), ((Decoded.Valid<PanelStatus>) d).value(), retained, now);
        return Outcome.STATUS;
    }

    private Outcome state(Topics.Address a, byte[] payload) {
        if (registry.site(a.site()).isPresent()) {
            states.seen(a.site(), payload);
        }
        return Outcome.STATE;
    }

    private Optional<Rejection> unregistered(Topics.Address a) {
        Optional<SiteRegistry.SiteInfo> site = registry.site(a.site());
        if (site.isEmpty()) {
            return Optional.of(Rejection.UNKNOWN_SITE);
        }
        return site.get().hasPanel(a.panel()) ? Optional.empty() : Optional.of(Rejection.UNKNOWN_PANEL);
    }

    private Outcome reject(String topic, Rejection reason, String detail, Instant now) {
        metrics.rejected(reason);
        if (logLimiter.allow(reason, now)) {
            LOG.warn("rejected message on '{}': {} ({})", Printable.of(topic, 120), reason.meaning(),
                    Printable.of(detail, 120));
            core.rejected(topic, reason.tag(), detail, now);
        }
        return Outcome.REJECTED;
    }
}
