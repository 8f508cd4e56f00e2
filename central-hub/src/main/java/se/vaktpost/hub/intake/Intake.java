package se.vaktpost.hub.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.hub.lockdown.LockdownMachine;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.Codec;
import se.vaktpost.protocol.Decoded;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Identity;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.PanelStatus;
import se.vaktpost.protocol.Rejection;
import se.vaktpost.protocol.SiteState;
import se.vaktpost.protocol.Topics;

/**
 * The hub's pipeline for inbound messages: validate, deduplicate, record, then tell the panels.
 * Runs on one thread. A bad message is rejected and counted; nothing here stops the pipeline.
 */
public final class Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

    /** What became of one message. */
    public enum Outcome { RECORDED, DUPLICATE, REJECTED, FAILED, PRESENCE }

    private final SiteRegistry registry;
    private final HubStore store;
    private final Outbound outbound;
    private final HubMetrics metrics;
    private final Clock clock;
    private final PresenceSupervisor presence;
    private final Map<String, SiteMode> modes = new HashMap<>();
    private final LogLimiter logLimiter = new LogLimiter(20, Duration.ofMinutes(1));
    private volatile java.util.function.Consumer<String> changed = site -> { };

    public Intake(SiteRegistry registry, HubStore store, Outbound outbound, HubMetrics metrics, Clock clock,
                  PresenceSupervisor presence) throws SQLException {
        this.registry = registry;
        this.store = store;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
        this.presence = presence;
        Map<String, SiteMode> saved = store.siteModes();
        for (SiteRegistry.SiteInfo s : registry.sites()) {
            modes.put(s.id(), saved.getOrDefault(s.id(), new SiteMode.Normal(Instant.EPOCH)));
        }
        store.presences().forEach(presence::restore);
    }

    /** Told the site id whenever something a viewer sees changed there (state, incident, presence). */
    public void onChange(java.util.function.Consumer<String> listener) {
        this.changed = listener;
    }

    public Outcome onMessage(String topic, byte[] payload) {
        Optional<Topics.Address> address = Topics.parse(topic);
        if (address.isEmpty() || (address.get().kind() != Topics.Kind.EVENTS
                && address.get().kind() != Topics.Kind.STATUS)) {
            return reject(topic, Rejection.UNKNOWN_TOPIC, "not an events or status topic");
        }
        Topics.Address a = address.get();
        Optional<SiteRegistry.SiteInfo> site = registry.site(a.site());
        if (site.isEmpty()) {
            return reject(topic, Rejection.UNKNOWN_SITE, a.site());
        }
        if (!site.get().hasPanel(a.panel())) {
            return reject(topic, Rejection.UNKNOWN_PANEL, a.site() + "/" + a.panel());
        }
        return a.kind() == Topics.Kind.EVENTS ? event(topic, a, payload) : status(topic, a, payload);
    }

    private Outcome event(String topic, Topics.Address a, byte[] payload) {
        Decoded<PanelEvent> d = Codec.decodeEvent(payload);
        if (d instanceof Decoded.Invalid<PanelEvent> bad) {
            return reject(topic, bad.reason(), bad.detail());
        }
        PanelEvent e = ((Decoded.Valid<PanelEvent>) d).value();
        Optional<String> spoof = Identity.mismatch(a, e);
        if (spoof.isPresent()) {
            return reject(topic, Rejection.SPOOFED, spoof.get());
        }
        Instant now = clock.instant();
        presence.onActivity(new PanelKey(a.site(), a.panel()), now);
        try {
            Optional<HubStore.Recorded> known = store.recorded(e.id().toString());
            if (known.isPresent()) {
                metrics.duplicate();
                LOG.debug("duplicate event {} from {}/{}; acked again", e.id(), e.site(), e.panel());
                outbound.publishAck(e.site(), e.panel(), new EventAck(e.id(), known.get().incident()));
                return Outcome.DUPLICATE;
            }
            Decision decision = apply(e, now);
            outbound.publishAck(e.site(), e.panel(), new EventAck(e.id(), decision.incident()));
            return Outcome.RECORDED;
        } catch (SQLException ex) {
            // Not acked, so the panel sends it again; the pipeline goes on.
            LOG.error("could not record event {} from {}/{}: {}; the panel will retry", e.id(), e.site(), e.panel(),
                    ex.getMessage());
            return Outcome.FAILED;
        }
    }

    /** Records an event and moves the site's state machine; the state goes out if it changed. */
    private Decision apply(PanelEvent e, Instant now) throws SQLException {
        SiteMode before = modes.get(e.site());
        Decision decision = LockdownMachine.apply(before, e, () -> UUID.randomUUID().toString());
        store.record(e, decision, before, now);
        modes.put(e.site(), decision.next());
        metrics.eventRecorded(e.type());
        LOG.info("recorded {} from {}/{} seq={} id={}{}", e.type(), e.site(), e.panel(), e.seq(), e.id(),
                decision.incident() == null ? "" : " incident=" + decision.incident() + " (" + decision.change() + ")");
        if (decision.modeChanged(before)) {
            announce(e.site(), decision.next(), e.type() == EventType.LOCKDOWN ? e.at() : null);
        }
        if (decision.change() != Decision.Change.NONE || decision.modeChanged(before)) {
            changed.accept(e.site());
        }
        return decision;
    }

    /** A lockdown, drill or all-clear given at the hub by a signed-in user; recorded as from panel "hub". */
    public Decision command(String site, EventType type, boolean drill) throws SQLException {
        if (registry.site(site).isEmpty()) {
            throw new IllegalArgumentException("unknown site '" + site + "'");
        }
        Instant now = clock.instant();
        return apply(new PanelEvent(UUID.randomUUID(), site, HUB_PANEL, type, now, 0, drill), now);
    }

    /** Acknowledges an incident after {@code allowed} approves its site; empty when there is no such incident. */
    public Optional<Boolean> acknowledge(String incident, String by, java.util.function.Predicate<String> allowed)
            throws SQLException {
        Optional<String> site = store.incident(incident).map(HubStore.IncidentRef::site).filter(allowed);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        boolean first = store.acknowledge(incident, by, clock.instant());
        changed.accept(site.get());
        return Optional.of(first);
    }

    /** Adds a note after {@code allowed} approves the incident's site; false when there is no such incident. */
    public boolean note(String incident, String author, String text, java.util.function.Predicate<String> allowed)
            throws SQLException {
        Optional<String> site = store.incident(incident).map(HubStore.IncidentRef::site).filter(allowed);
        if (site.isEmpty()) {
            return false;
        }
        store.addNote(incident, author, text, clock.instant());
        changed.accept(site.get());
        return true;
    }

    /**
     * Ticks item {@code index} of the incident's checklist after {@code allowed} approves its site.
     * Empty when there is no such incident (or it may not be acted on); true when this was the first tick.
     */
    public Optional<Boolean> tick(String incident, int index, String by, java.util.function.Predicate<String> allowed)
            throws SQLException {
        Optional<HubStore.IncidentRef> found = store.incident(incident).filter(k -> allowed.test(k.site()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<String> items = registry.settings().checklist(found.get().kind());
        if (index < 0 || index >= items.size()) {
            throw new IllegalArgumentException("the checklist of a " + found.get().kind() + " incident has "
                    + items.size() + " items; no item " + index);
        }
        boolean first = store.tick(incident, index, items.get(index), by, clock.instant());
        changed.accept(found.get().site());
        return Optional.of(first);
    }

    /** The pseudo-panel that hub-initiated events are recorded under. */
    public static final String HUB_PANEL = "hub";

    private Outcome status(String topic, Topics.Address a, byte[] payload) {
        Decoded<PanelStatus> d = Codec.decodeStatus(payload);
        if (d instanceof Decoded.Invalid<PanelStatus> bad) {
            return reject(topic, bad.reason(), bad.detail());
        }
        PanelStatus s = ((Decoded.Valid<PanelStatus>) d).value();
        Instant now = clock.instant();
        save(presence.onStatus(new PanelKey(a.site(), a.panel()), s.online(), s.heartbeatSeconds(), now));
        return Outcome.PRESENCE;
    }

    /**
     * Once a second: marks panels offline that have been silent past their heartbeat timeout, and
     * escalates alarms and lockdowns nobody acknowledged within the configured time.
     */
    public void tick() {
        Instant now = clock.instant();
        save(presence.tick(now));
        try {
            Instant deadline = now.minusSeconds(registry.settings().acknowledgeWithinSeconds());
            for (HubStore.Escalated e : store.escalate(deadline, now)) {
                LOG.warn("incident {} at {} not acknowledged within {} s: escalated", e.incident(), e.site(),
                        registry.settings().acknowledgeWithinSeconds());
                metrics.escalated();
                changed.accept(e.site());
            }
        } catch (SQLException ex) {
            LOG.error("could not check for unacknowledged alarms: {}", ex.getMessage());
        }
    }

    private void save(List<PresenceSupervisor.Change> changes) {
        for (PresenceSupervisor.Change c : changes) {
            LOG.info("panel {} is {} ({})", c.panel(), c.online() ? "online" : "OFFLINE", c.reason());
            changed.accept(c.panel().site());
            try {
                store.presenceChanged(c, presence.lastSeen(c.panel()));
            } catch (SQLException ex) {
                LOG.error("could not record presence of {}: {}", c.panel(), ex.getMessage());
            }
        }
    }

    /** Publishes every site's state, retained; after start and after each reconnect. */
    public void announceAll() {
        modes.forEach((site, mode) -> announce(site, mode, null));
    }

    public Map<String, SiteMode> modes() {
        return Map.copyOf(modes);
    }

    public PresenceSupervisor presence() {
        return presence;
    }

    private void announce(String site, SiteMode mode, Instant pressedAt) {
        SiteState state = mode instanceof SiteMode.Lockdown l
                ? new SiteState(Mode.LOCKDOWN, l.incident(), l.since(), l.drill())
                : SiteState.normal(mode.since());
        outbound.publishState(site, state, () -> {
            if (pressedAt != null) {
                metrics.lockdownFanout(Duration.between(pressedAt, clock.instant()));
            }
        });
    }

    private Outcome reject(String topic, Rejection reason, String detail) {
        metrics.rejected(reason);
        Instant now = clock.instant();
        if (logLimiter.allow(reason, now)) {
            LOG.warn("rejected message on '{}': {} ({})", abbreviate(topic), reason.meaning(), abbreviate(detail));
            try {
                store.rejected(topic, reason.tag(), detail, now);
            } catch (SQLException ex) {
                LOG.error("could not keep rejected message for review: {}", ex.getMessage());
            }
        }
        return Outcome.REJECTED;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
