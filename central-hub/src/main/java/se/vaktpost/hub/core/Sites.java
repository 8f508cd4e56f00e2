package se.vaktpost.hub.core;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.hub.lockdown.LockdownMachine;
import se.vaktpost.hub.lockdown.Signal;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.ClockOffset;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.protocol.EventAck;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.Mode;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.protocol.SiteState;

/**
 * The sites' modes and what panel events and operator commands do to them: record once, move the
 * state machine, then tell the panels. Runs on the core thread only.
 */
final class Sites {
    private static final Logger LOG = LoggerFactory.getLogger(Sites.class);
    /** The pseudo-panel that commands given at the hub are recorded under. */
    static final String HUB_PANEL = "hub";

    private final SiteRegistry registry;
    private final HubStore store;
    private final Outbound outbound;
    private final HubMetrics metrics;
    private final Clock clock;
    private final CoreView view;
    /** A line per recorded event; off only for the start's warm-up, whose events are not real. */
    private final boolean logEvents;
    private final Map<String, SiteMode> modes = new HashMap<>();

    Sites(SiteRegistry registry, HubStore store, Outbound outbound, HubMetrics metrics, Clock clock, CoreView view,
          boolean logEvents) throws SQLException {
        this.logEvents = logEvents;
        this.registry = registry;
        this.store = store;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
        this.view = view;
        Map<String, SiteMode> saved = store.siteModes();
        for (SiteRegistry.SiteInfo s : registry.sites()) {
            SiteMode mode = saved.getOrDefault(s.id(), SiteMode.initial());
            modes.put(s.id(), mode);
            view.mode(s.id(), mode);
        }
    }

    /** A panel event as it arrived, with its signal in hub time. */
    record Arrival(PanelEvent event, Signal signal) {
    }

    /**
     * Records each new event once and acts on it, all in one transaction (one fsync for a burst);
     * the acks go out after the commit, with the site's version. Repeats are acked again.
     */
    void events(List<Arrival> batch) throws SQLException {
        Map<String, SiteMode> after = new HashMap<>();
        Map<UUID, String> incidents = new HashMap<>(); // of this batch's events; a null value is no incident
        List<HubStore.Recording> records = new ArrayList<>();
        List<Runnable> thenTell = new ArrayList<>();
        for (Arrival a : batch) {
            PanelEvent e = a.event();
            Optional<HubStore.Recorded> known = incidents.containsKey(e.id())
                    ? Optional.of(new HubStore.Recorded(incidents.get(e.id()))) : store.recorded(e.id().toString());
            if (known.isPresent()) {
                thenTell.add(() -> repeat(e, known.get().incident()));
                continue;
            }
            SiteMode before = after.getOrDefault(e.site(), modes.get(e.site()));
            Decision d = LockdownMachine.apply(before, a.signal(), () -> UUID.randomUUID().toString());
            after.put(e.site(), d.next());
            incidents.put(e.id(), d.incident());
            records.add(new HubStore.Recording(e, a.signal(), d, before));
            thenTell.add(() -> {
                told(e, a.signal(), d, before);
                outbound.publishAck(e.site(), e.panel(), new EventAck(e.id(), d.incident(), d.next().version()));
                metrics.eventHandled(Duration.between(a.signal().now(), clock.instant()));
            });
        }
        if (!records.isEmpty()) {
            store.record(records);
            if (records.stream().anyMatch(r -> noticed(r.decision()))) {
                view.noticed();
            }
        }
        modes.putAll(after);
        thenTell.forEach(Runnable::run);
    }

    /** Whether the decision wrote a notice (HubStore writes one for an incident opened or closed). */
    private static boolean noticed(Decision d) {
        return d.change() == Decision.Change.OPENED || d.change() == Decision.Change.CLOSED;
    }

    private void repeat(PanelEvent e, String incident) {
        metrics.duplicate();
        LOG.debug("duplicate event {} from {}/{}; acked again", e.id(), e.site(), e.panel());
        outbound.publishAck(e.site(), e.panel(), new EventAck(e.id(), incident, modes.get(e.site()).version()));
    }

    /** A lockdown, drill or all-clear given at the hub by a signed-in user; recorded as from panel "hub". */
    Decision command(String site, EventType type, boolean drill) throws SQLException {
        if (!modes.containsKey(site)) {
            throw new IllegalArgumentException("unknown site '" + site + "'");
        }
        Instant now = clock.instant();
        PanelEvent e = new PanelEvent(UUID.randomUUID(), site, HUB_PANEL, type, now, 0, drill,
                modes.get(site).version(), OptionalLong.of(0));
        Signal s = Signal.of(e, now);
        SiteMode before = modes.get(site);
        Decision d = LockdownMachine.apply(before, s, () -> UUID.randomUUID().toString());
        store.record(List.of(new HubStore.Recording(e, s, d, before)));
        if (noticed(d)) {
            view.noticed();
        }
        modes.put(site, d.next());
        told(e, s, d, before);
        return d;
    }

    /** After the commit: counters, the log, the live view, and the new state to the panels. */
    private void told(PanelEvent e, Signal s, Decision d, SiteMode before) {
        metrics.eventRecorded(e.type());
        if (ClockOffset.skewed(ClockOffset.millis(e.at(), s.when()))) {
            metrics.skewedClock();
        }
        if (d.verdict() != Decision.Verdict.ACTED) {
            metrics.notActed(d.verdict());
        }
        if (d.uncertain()) {
            metrics.orderUnknown();
        }
        if (logEvents) {
            LOG.info("recorded {} from {}/{} seq={} id={} order={}{}{}, {} ms after it arrived", e.type(), e.site(), e.panel(),
                    e.seq(), e.id(), d.order(), d.verdict() == Decision.Verdict.ACTED ? "" : " " + d.verdict(),
                    d.incident() == null ? "" : " incident=" + d.incident() + " (" + d.change() + ")",
                    Duration.between(s.now(), clock.instant()).toMillis());
        }
        if (d.interruptedDrill() != null) {
            LOG.warn("real {} at {} interrupted drill {}: the site's lockdown is real now", e.type(), e.site(),
                    d.interruptedDrill());
        }
        if (d.modeChanged(before)) {
            view.mode(e.site(), d.next());
            announce(e.site(), d.next(), d.next() instanceof SiteMode.Lockdown l ? l.since() : null);
        }
        if (d.change() != Decision.Change.NONE || d.modeChanged(before) || d.uncertain()) {
            view.changed(e.site());
        }
    }

    /** Acknowledges an incident after {@code allowed} approves its site; empty when there is no such incident. */
    Optional<Boolean> acknowledge(String incident, String by, Predicate<String> allowed) throws SQLException {
        Optional<String> site = store.incident(incident).map(HubStore.IncidentRef::site).filter(allowed);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        boolean first = store.acknowledge(incident, by, clock.instant());
        view.changed(site.get());
        return Optional.of(first);
    }

    /** Adds a note after {@code allowed} approves the incident's site; false when there is no such incident. */
    boolean note(String incident, String author, String text, Predicate<String> allowed) throws SQLException {
        Optional<String> site = store.incident(incident).map(HubStore.IncidentRef::site).filter(allowed);
        if (site.isEmpty()) {
            return false;
        }
        store.addNote(incident, author, text, clock.instant());
        view.changed(site.get());
        return true;
    }

    /** Ticks a checklist item; empty when there is no such incident (or not allowed), true on the first tick. */
    Optional<Boolean> tick(String incident, int index, String by, Predicate<String> allowed) throws SQLException {
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
        view.changed(found.get().site());
        return Optional.of(first);
    }

    /** Escalates alarms and lockdowns nobody acknowledged within the configured time. */
    void escalate(Instant now) {
        try {
            Instant deadline = now.minusSeconds(registry.settings().acknowledgeWithinSeconds());
            List<HubStore.Escalated> escalated = store.escalate(deadline, now);
            if (!escalated.isEmpty()) {
                view.noticed();
            }
            for (HubStore.Escalated e : escalated) {
                LOG.warn("incident {} at {} not acknowledged within {} s: escalated", e.incident(), e.site(),
                        registry.settings().acknowledgeWithinSeconds());
                metrics.escalated();
                view.changed(e.site());
            }
        } catch (SQLException ex) {
            LOG.error("could not check for unacknowledged alarms: {}", ex.getMessage());
        }
    }

    /** Every site's state as the database has it, to the publisher that keeps the broker's retained copies right. */
    void announceAll() {
        modes.forEach((site, mode) -> outbound.announceState(site, state(mode)));
    }

    static SiteState state(SiteMode mode) {
        return mode instanceof SiteMode.Lockdown l
                ? new SiteState(Mode.LOCKDOWN, l.incident(), l.since(), l.drill(), l.version())
                : SiteState.normal(mode.since(), mode.version());
    }

    /** Sends the state; for a lockdown, the time from the press (hub time) to the broker's accept is measured. */
    private void announce(String site, SiteMode mode, Instant pressedAt) {
        outbound.publishState(site, state(mode), pressedAt == null ? () -> { }
                : () -> metrics.lockdownFanout(Duration.between(pressedAt, clock.instant())));
    }
}
