package se.vaktpost.hub.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.presence.ClockOffset;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;

/**
 * What the core holds, published for other threads: one immutable snapshot per site, replaced
 * whole by the core (the only writer), and the counters behind the gauges. Readers never wait for
 * the core and never see a half-made change.
 */
public final class CoreView {

    /** One panel as the live view shows it; {@code health} is what it last said of itself, null if nothing yet. */
    public record PanelView(boolean online, Instant lastSeen, Long clockOffsetMillis, se.vaktpost.protocol.PanelHealth health) {
        public PanelView(boolean online, Instant lastSeen, Long clockOffsetMillis) {
            this(online, lastSeen, clockOffsetMillis, null);
        }

        /** The panel's clock is far from the hub's (or its offset is beyond counting). */
        public boolean clockSkewed() {
            return ClockOffset.skewed(clockOffsetMillis);
        }

        static PanelView of(Presence p, se.vaktpost.protocol.PanelHealth health) {
            return p == null ? new PanelView(false, null, null, health)
                    : new PanelView(p.online(), p.lastSeen(), p.clockOffsetMillis(), health);
        }
    }

    /** One site: its mode and its panels in registry order. */
    public record SiteView(String site, SiteMode mode, Map<String, PanelView> panels) {
    }

    private final Map<String, SiteView> sites = new ConcurrentHashMap<>();
    /** System.nanoTime() of the core's last once-a-second beat; a core that stopped beating is not alive. */
    private volatile long lastBeatNanos = System.nanoTime();
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicInteger skewed = new AtomicInteger();
    private final java.util.List<Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Told the site id, on the core thread, whenever something a viewer sees changed there (mode,
     * incident, presence); listeners must hand the work on, never do it there.
     */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private final java.util.List<Runnable> noticeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Told, on the core thread, after a commit that wrote a notice (what people must hear of);
     * presence traffic never calls it, so a storm of Last Wills does not wake the notifier.
     */
    public void onNotice(Runnable listener) {
        noticeListeners.add(listener);
    }

    void noticed() {
        noticeListeners.forEach(Runnable::run);
    }

    public Optional<SiteView> site(String id) {
        return Optional.ofNullable(sites.get(id));
    }

    public Collection<SiteView> sites() {
        return sites.values();
    }

    /** True while the core took its once-a-second beat within {@code within} (liveness, not readiness). */
    public boolean coreBeating(java.time.Duration within) {
        return System.nanoTime() - lastBeatNanos <= within.toNanos();
    }

    public int panelsOnline() {
        return online.get();
    }

    public int panelsWithSkewedClock() {
        return skewed.get();
    }

    // The core's side.

    void beat() {
        lastBeatNanos = System.nanoTime();
    }

    void put(SiteView view) {
        SiteView before = sites.put(view.site(), view);
        int skewDelta = skewedIn(view) - (before == null ? 0 : skewedIn(before));
        if (skewDelta != 0) {
            skewed.addAndGet(skewDelta);
        }
    }

    void mode(String site, SiteMode mode) {
        SiteView before = sites.get(site);
        put(new SiteView(site, mode, before == null ? Map.of() : before.panels()));
    }

    /**
     * Replaces these panels in the site's snapshot (a new one; the rest of the site kept as it was,
     * in its order) and counts the clocks that became or stopped being skewed among them only.
     */
    void panels(String site, Map<String, PanelView> changed) {
        SiteView before = sites.get(site);
        Map<String, PanelView> merged = new LinkedHashMap<>(before.panels());
        int skewDelta = 0;
        for (Map.Entry<String, PanelView> e : changed.entrySet()) {
            PanelView old = merged.put(e.getKey(), e.getValue());
            skewDelta += (e.getValue().clockSkewed() ? 1 : 0) - (old != null && old.clockSkewed() ? 1 : 0);
        }
        sites.put(site, new SiteView(site, before.mode(), java.util.Collections.unmodifiableMap(merged)));
        if (skewDelta != 0) {
            skewed.addAndGet(skewDelta);
        }
    }

    void online(int count) {
        online.set(count);
    }

    void changed(String site) {
        for (Consumer<String> l : listeners) {
            l.accept(site);
        }
    }

    private static int skewedIn(SiteView v) {
        int n = 0;
        for (PanelView p : v.panels().values()) {
            n += p.clockSkewed() ? 1 : 0;
        }
        return n;
    }
}
