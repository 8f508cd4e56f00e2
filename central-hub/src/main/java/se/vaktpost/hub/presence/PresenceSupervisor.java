package se.vaktpost.hub.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knows which panels are online. A panel goes offline on its Last Will or an explicit offline
 * status, or when nothing was heard from it for longer than its heartbeat timeout. Pure: the
 * caller passes the time.
 */
public final class PresenceSupervisor {

    public record PanelKey(String site, String panel) {
        @Override
        public String toString() {
            return site + "/" + panel;
        }
    }

    /** Why presence changed; stored as a supervision event. */
    public enum Reason { STATUS_ONLINE, STATUS_OFFLINE, HEARTBEAT_TIMEOUT }

    public record Change(PanelKey panel, boolean online, Instant at, Reason reason) {
    }

    public record Presence(boolean online, Instant lastSeen) {
    }

    private final Duration defaultTimeout;
    private final Map<PanelKey, Presence> panels = new HashMap<>();
    private final Map<PanelKey, Duration> timeouts = new HashMap<>();

    public PresenceSupervisor(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    /** Restores what the database knew before a restart; retained statuses then refresh it. */
    public void restore(PanelKey key, Presence presence) {
        panels.put(key, presence);
    }

    /** A status message: heartbeat, connect or Last Will. Returns the change, if any. */
    public List<Change> onStatus(PanelKey key, boolean online, int heartbeatSeconds, Instant now) {
        if (heartbeatSeconds > 0) {
            // Two missed heartbeats and a second of grace.
            timeouts.put(key, Duration.ofSeconds(2L * heartbeatSeconds + 1));
        }
        Presence before = panels.put(key, new Presence(online, online ? now : lastSeen(key, now)));
        if (before == null || before.online() != online) {
            return List.of(new Change(key, online, now, online ? Reason.STATUS_ONLINE : Reason.STATUS_OFFLINE));
        }
        return List.of();
    }

    /** Any message from the panel proves it alive. */
    public List<Change> onActivity(PanelKey key, Instant now) {
        Presence before = panels.get(key);
        if (before != null && before.online()) {
            panels.put(key, new Presence(true, now));
        }
        return List.of();
    }

    /** Panels silent past their timeout go offline. */
    public List<Change> tick(Instant now) {
        List<Change> out = new ArrayList<>();
        for (var e : panels.entrySet()) {
            Presence p = e.getValue();
            Duration timeout = timeouts.getOrDefault(e.getKey(), defaultTimeout);
            if (p.online() && now.isAfter(p.lastSeen().plus(timeout))) {
                e.setValue(new Presence(false, p.lastSeen()));
                out.add(new Change(e.getKey(), false, now, Reason.HEARTBEAT_TIMEOUT));
            }
        }
        return out;
    }

    public Map<PanelKey, Presence> snapshot() {
        return Map.copyOf(panels);
    }

    /** When the panel was last heard from; null if never. */
    public Instant lastSeen(PanelKey key) {
        Presence p = panels.get(key);
        return p == null ? null : p.lastSeen();
    }

    public long onlineCount() {
        return panels.values().stream().filter(Presence::online).count();
    }

    private Instant lastSeen(PanelKey key, Instant fallback) {
        Presence p = panels.get(key);
        return p == null ? fallback : p.lastSeen();
    }
}
