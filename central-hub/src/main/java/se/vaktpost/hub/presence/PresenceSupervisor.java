package se.vaktpost.hub.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows which panels are online. A panel goes offline on its Last Will or an explicit offline
 * status, or when nothing was heard from it for longer than its heartbeat timeout. Pure and
 * single-threaded: the caller passes the hub's time.
 *
 * <p>After a restart the hub cannot know what it missed, so every panel the database had online
 * gets its full timeout plus a grace period counted from the restart: a panel that kept sending
 * heartbeats is never marked offline. A retained status (delivered when the hub subscribes) is
 * what the panel last said, not proof that it is alive, so only an offline one changes anything.
 *
 * <p>A storm of status changes (thousands of panels dropping or reconnecting at once) leaves the
 * hub's intake seconds behind the broker, with the heartbeats of the panels that stayed queued
 * behind it: silence is then the hub's own lag. So after a storm, as after a restart, no panel is
 * timed out before its full timeout plus the grace has passed since the storm's last change. Last
 * Wills and offline statuses still count at once; only silence waits.
 */
public final class PresenceSupervisor {
    /** Bounds on the heartbeat a panel announces: a huge one would hide a dead panel. */
    public static final int MIN_HEARTBEAT_SECONDS = 1;
    public static final int MAX_HEARTBEAT_SECONDS = 300;
    /** Status changes within one second of hub time that make a storm. */
    public static final int STORM_CHANGES_PER_SECOND = 500;

    public record PanelKey(String site, String panel) {
        /**
         * A record's own hash ({@code 31 * site + panel}) collides wholesale for numbered ids: 200
         * sites "s001".."s200" with panels "p01".."p50" give 2,840 distinct hashes for 10,000 panels
         * and bins of ten in every map the core keeps per panel. Mixing the site's hash by the golden
         * ratio spreads them as well as random ones.
         */
        @Override
        public int hashCode() {
            int h = site.hashCode() * 0x9E3779B9 + panel.hashCode();
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PanelKey k && site.equals(k.site) && panel.equals(k.panel);
        }

        @Override
        public String toString() {
            return site + "/" + panel;
        }
    }

    /** Why presence changed; stored as a supervision event. */
    public enum Reason { STATUS_ONLINE, STATUS_OFFLINE, HEARTBEAT_TIMEOUT }

    /**
     * A panel's first known state, or a flip of it: a panel's changes alternate, across restarts too
     * (restore takes the state its last change left), and the availability report relies on that.
     */
    public record Change(PanelKey panel, boolean online, Instant hubAt, Reason reason) {
    }

    /**
     * What is kept of one panel and restored after a restart. {@code heartbeatSeconds} is 0 when
     * the panel never announced one; {@code clockOffsetMillis} (its wall clock minus the hub's) is
     * null until it said something with its clock in it.
     */
    public record Presence(boolean online, Instant lastSeen, int heartbeatSeconds, Long clockOffsetMillis) {
    }

    private static final class Entry {
        boolean online;
        Instant lastSeen;
        int heartbeat;
        Instant due;
        Long offset;
        /** What the panel last said of itself (build, uptime, clock sync, outbox); kept in memory only. */
        se.vaktpost.protocol.PanelHealth health;

        Presence presence() {
            return new Presence(online, lastSeen, heartbeat, offset);
        }
    }

    private final Duration defaultTimeout;
    private final Duration restartGrace;
    private final Map<PanelKey, Entry> panels = new HashMap<>();
    private final Set<PanelKey> refreshed = new LinkedHashSet<>();
    private int online;
    private Instant secondFrom;
    private int changesThatSecond;
    private Instant stormAt;

    /**
     * @param defaultTimeout offline after this much silence, for a panel that never announced its heartbeat
     * @param restartGrace   added to each panel's timeout after a restart of the hub
     */
    public PresenceSupervisor(Duration defaultTimeout, Duration restartGrace) {
        this.defaultTimeout = defaultTimeout;
        this.restartGrace = restartGrace;
    }

    /** What the database knew before the hub restarted at {@code restartedAt}. */
    public void restore(PanelKey key, Presence p, Instant restartedAt) {
        Entry e = entry(key);
        setOnline(e, p.online());
        e.lastSeen = p.lastSeen();
        e.heartbeat = p.heartbeatSeconds();
        e.offset = p.clockOffsetMillis();
        Instant from = p.lastSeen().isAfter(restartedAt) ? p.lastSeen() : restartedAt;
        e.due = from.plus(timeout(e)).plus(restartGrace);
    }

    /**
     * A live status: connect, heartbeat or Last Will. {@code panelClock} is the status's own time,
     * used only to tell how far the panel's clock is off. Returns the change, if any.
     */
    public List<Change> onStatus(PanelKey key, boolean isOnline, int heartbeatSeconds, Instant panelClock, Instant now) {
        return onStatus(key, isOnline, heartbeatSeconds, panelClock, now, null);
    }

    /** As above, with what the panel says of itself; a status without it (a Last Will) keeps the last one. */
    public List<Change> onStatus(PanelKey key, boolean isOnline, int heartbeatSeconds, Instant panelClock, Instant now,
                                 se.vaktpost.protocol.PanelHealth health) {
        Entry e = entry(key);
        if (health != null) {
            e.health = health;
        }
        boolean known = e.lastSeen != null;
        boolean was = e.online;
        if (heartbeatSeconds > 0) {
            e.heartbeat = Math.min(MAX_HEARTBEAT_SECONDS, Math.max(MIN_HEARTBEAT_SECONDS, heartbeatSeconds));
        }
        e.offset = ClockOffset.millis(panelClock, now);
        if (isOnline) {
            heard(key, e, now);
        } else if (!known) {
            e.lastSeen = now;
        }
        refreshed.add(key);
        setOnline(e, isOnline);
        if (!known || was != isOnline) {
            counted(now);
            return List.of(new Change(key, isOnline, now, isOnline ? Reason.STATUS_ONLINE : Reason.STATUS_OFFLINE));
        }
        return List.of();
    }

    /** A retained status, delivered when the hub subscribed: only an offline one is news. */
    public List<Change> onRetainedStatus(PanelKey key, boolean isOnline, Instant now) {
        Entry e = panels.get(key);
        if (isOnline || e == null || !e.online) {
            return List.of();
        }
        setOnline(e, false);
        counted(now);
        return List.of(new Change(key, false, now, Reason.STATUS_OFFLINE));
    }

    /** An event from the panel proves it alive; {@code panelClock} is the event's own time. */
    public void onActivity(PanelKey key, Instant panelClock, Instant pressedAt, Instant now) {
        Entry e = panels.get(key);
        if (e == null) {
            return;
        }
        e.offset = ClockOffset.millis(panelClock, pressedAt);
        if (e.online) {
            heard(key, e, now);
        }
        refreshed.add(key);
    }

    /** Panels silent past their timeout go offline, unless a storm's grace still runs (see the class). */
    public List<Change> tick(Instant now) {
        List<Change> out = new ArrayList<>();
        for (var item : panels.entrySet()) {
            Entry e = item.getValue();
            if (e.online && now.isAfter(e.due) && !inStormGrace(e, now)) {
                setOnline(e, false);
                out.add(new Change(item.getKey(), false, now, Reason.HEARTBEAT_TIMEOUT));
            }
        }
        return out;
    }

    /** The panel as known now; null if never heard of. */
    public Presence presence(PanelKey key) {
        Entry e = panels.get(key);
        return e == null ? null : e.presence();
    }

    /** What the panel last said of itself; null if it never did (since the hub started). */
    public se.vaktpost.protocol.PanelHealth health(PanelKey key) {
        Entry e = panels.get(key);
        return e == null ? null : e.health;
    }

    public int onlineCount() {
        return online;
    }

    /**
     * Up to {@code limit} panels whose last-seen time or clock offset changed since they were last
     * handed out, longest waiting first, to write in a batch.
     */
    public List<PanelKey> drainRefreshed(int limit) {
        List<PanelKey> out = new ArrayList<>(Math.min(limit, refreshed.size()));
        var it = refreshed.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    private void heard(PanelKey key, Entry e, Instant now) {
        e.lastSeen = now;
        e.due = now.plus(timeout(e));
    }

    /** Counts a change in its second of hub time; the storm-th of one second marks a storm. */
    private void counted(Instant now) {
        if (secondFrom == null || !now.isBefore(secondFrom.plusSeconds(1))) {
            secondFrom = now;
            changesThatSecond = 0;
        }
        if (++changesThatSecond >= STORM_CHANGES_PER_SECOND) {
            stormAt = now;
        }
    }

    private boolean inStormGrace(Entry e, Instant now) {
        return stormAt != null && !now.isAfter(stormAt.plus(timeout(e)).plus(restartGrace));
    }

    /** Two missed heartbeats and a second of grace. */
    private Duration timeout(Entry e) {
        return e.heartbeat > 0 ? Duration.ofSeconds(2L * e.heartbeat + 1) : defaultTimeout;
    }

    private void setOnline(Entry e, boolean value) {
        if (e.online != value) {
            online += value ? 1 : -1;
            e.online = value;
        }
    }

    private Entry entry(PanelKey key) {
        return panels.computeIfAbsent(key, k -> new Entry());
    }
}
