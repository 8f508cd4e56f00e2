package se.vaktpost.hub.core;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaktpost.hub.metrics.HubMetrics;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.presence.PresenceSupervisor.Change;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.hub.store.HubStore.PresenceWrite;
import se.vaktpost.protocol.PanelEvent;

/**
 * Panel presence on the core thread: statuses and timeouts go to the pure supervisor, and what
 * changed is written many panels to a transaction, a chunk at a time, so that an alarm never
 * waits behind a storm of presence writes (the core takes urgent input between chunks).
 */
final class Presences {
    private static final Logger LOG = LoggerFactory.getLogger(Presences.class);
    /**
     * Panels written per presence transaction. An alarm waits for at most one chunk, so chunks stay
     * short: 100 rows (500 held a lockdown during 10,000 Last Wills some 50 ms longer; 50 gained
     * nothing more; docs/performance.md, storms).
     */
    private static final int WRITE_CHUNK = 100;
    /** Presence changes logged one by one per second; the rest are counted in one line. */
    private static final int LOGGED_PER_SECOND = 20;
    /**
     * Last-seen times and clock offsets written per tick, a slice at a time: 10,000 panels take
     * about a minute, and no write of them is ever long enough to hold an alarm back.
     */
    private static final int REFRESHED_PER_TICK = 200;

    private final SiteRegistry registry;
    private final PresenceSupervisor supervisor;
    private final HubStore store;
    private final CoreView view;
    private final HubMetrics metrics;
    private final ArrayDeque<PresenceWrite> pending = new ArrayDeque<>();
    /** Panels whose view changed since the last publish, by site. */
    private final Map<String, Set<String>> touched = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private Instant logWindow = Instant.EPOCH;
    private int logged;
    private int unlogged;

    Presences(SiteRegistry registry, PresenceSupervisor supervisor, HubStore store, CoreView view, HubMetrics metrics,
              Instant restartedAt) throws SQLException {
        this.registry = registry;
        this.supervisor = supervisor;
        this.store = store;
        this.view = view;
        this.metrics = metrics;
        store.presences().forEach((key, p) -> {
            if (registry.site(key.site()).map(s -> s.hasPanel(key.panel())).orElse(false)) {
                supervisor.restore(key, p, restartedAt);
            }
        });
        registry.sites().forEach(s -> s.panels().forEach(p -> touch(new PanelKey(s.id(), p.id()))));
        publish();
    }

    /** A batch of statuses, the newest per panel. */
    void statuses(List<CoreInput.Status> batch) {
        for (CoreInput.Status s : batch) {
            PanelKey key = s.panel();
            queue(s.retained() ? supervisor.onRetainedStatus(key, s.status().online(), s.receivedAt())
                    : supervisor.onStatus(key, s.status().online(), s.status().heartbeatSeconds(), s.status().at(),
                    s.receivedAt(), s.status().health()));
            touch(key);
        }
        publish();
    }

    /** An event from a panel: it is alive, and its clock's offset is known again. */
    void activity(PanelEvent e, Instant pressedAt, Instant now) {
        PanelKey key = new PanelKey(e.site(), e.panel());
        supervisor.onActivity(key, e.at(), pressedAt, now);
        touch(key);
        publish();
    }

    /** Once a second: timeouts, and a slice of last-seen times and clock offsets for a restart to begin from. */
    void tick(Instant now) {
        queue(supervisor.tick(now));
        for (PanelKey key : supervisor.drainRefreshed(REFRESHED_PER_TICK)) {
            pending.add(new PresenceWrite(key, supervisor.presence(key), null, now));
        }
        publish();
    }

    /** True while presence writes wait: the core then writes a chunk between urgent inputs. */
    boolean busy() {
        return !pending.isEmpty();
    }

    /** One transaction of at most {@value #WRITE_CHUNK} panels. */
    void writeSome() {
        List<PresenceWrite> chunk = new ArrayList<>(Math.min(WRITE_CHUNK, pending.size()));
        while (!pending.isEmpty() && chunk.size() < WRITE_CHUNK) {
            chunk.add(pending.poll());
        }
        try {
            store.presence(chunk);
        } catch (SQLException ex) {
            // The supervisor's view stays right; only the record of these changes is missing.
            metrics.presenceWriteFailed(chunk.size());
            LOG.error("could not write the presence of {} panels: {}; the live view is unaffected", chunk.size(),
                    ex.getMessage());
        }
    }

    private void queue(List<Change> changes) {
        for (Change c : changes) {
            Presence p = supervisor.presence(c.panel());
            pending.add(new PresenceWrite(c.panel(), p, c.reason().name(), c.hubAt()));
            touch(c.panel());
            changed.add(c.panel().site());
            log(c);
        }
    }

    private void touch(PanelKey key) {
        touched.computeIfAbsent(key.site(), site -> new LinkedHashSet<>()).add(key.panel());
    }

    /**
     * Puts the panels touched since the last call into their sites' snapshots, only those: in the
     * steady state every heartbeat touches one panel, and rebuilding its whole site each time was
     * most of what a status cost the core. Tells viewers of real changes.
     */
    private void publish() {
        touched.forEach((site, ids) -> {
            Map<String, CoreView.PanelView> panels = new LinkedHashMap<>();
            for (String id : ids) {
                PanelKey key = new PanelKey(site, id);
                panels.put(id, CoreView.PanelView.of(supervisor.presence(key), supervisor.health(key)));
            }
            view.panels(site, panels);
        });
        touched.clear();
        view.online(supervisor.onlineCount());
        changed.forEach(view::changed);
        changed.clear();
    }

    /** A storm of 10,000 Last Wills must not become 10,000 log lines on the core thread. */
    private void log(Change c) {
        // c.hubAt() is the hub's time of the change (PresenceSupervisor stamps its own clock), never a panel's
        if (c.hubAt().isAfter(logWindow.plusSeconds(1))) {
            if (unlogged > 0) {
                LOG.info("... and {} more panel presence changes in that second", unlogged);
            }
            logWindow = c.hubAt();
            logged = 0;
            unlogged = 0;
        }
        if (logged++ < LOGGED_PER_SECOND) {
            LOG.info("panel {} is {} ({})", c.panel(), c.online() ? "online" : "OFFLINE", c.reason());
        } else {
            unlogged++;
        }
    }
}
