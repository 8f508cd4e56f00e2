package se.vaktpost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaktpost.hub.lockdown.Decision;
import se.vaktpost.hub.lockdown.Signal;
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.presence.ClockOffset;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.Statements;

/**
 * The hub's writer, owned by the hub's core thread. Every event is recorded together with the
 * incident and site-state change it causes, in one transaction; the ack goes out only after that
 * commit. Presence changes are written many to a transaction.
 */
public final class HubStore implements AutoCloseable {
    static final NamedSql SQL = NamedSql.load("sql/hub.sql");
    private final Connection db;
    /** The writer's statements, compiled once: the alarm path runs half a dozen per event. */
    private final Statements statements;

    /**
     * Takes ownership of a writable connection to the migrated hub database. Its commits never
     * checkpoint the write-ahead log ({@link WalCheckpoints} does that on its own thread).
     */
    public HubStore(Connection writer) throws SQLException {
        this.db = writer;
        this.statements = new Statements(writer);
        try (java.sql.Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
    }

    /** An event already in the database; {@code incident} is null when it belongs to none. */
    public record Recorded(String incident) {
    }

    /** Empty when the id is new. */
    public Optional<Recorded> recorded(String eventId) throws SQLException {
        try (ResultSet rs = statements.query(SQL.statement("event_incident"), Params.of("id", eventId))) {
            return rs.next() ? Optional.of(new Recorded(rs.getString(1))) : Optional.empty();
        }
    }

    /** One event and what it does: what {@link #record(List)} writes. */
    public record Recording(PanelEvent event, Signal signal, Decision decision, SiteMode before) {
    }

    /**
     * Records events with their incident changes and new site modes in one transaction: a burst of
     * alarms shares one fsync instead of waiting for one each.
     */
    public void record(List<Recording> batch) throws SQLException {
        commit(() -> {
            for (Recording r : batch) {
                write(r.event(), r.signal(), r.decision(), r.before());
            }
            return null;
        });
    }

    private void write(PanelEvent e, Signal s, Decision d, SiteMode before) throws SQLException {
        if (d.change() == Decision.Change.OPENED) {
            statements.update(SQL.statement("open_incident"), Params.of("id", d.incident()).and("site", e.site())
                    .and("kind", e.type().name()).and("drill", e.drill())
                    .and("opened_at", d.next() instanceof SiteMode.Lockdown l && l.incident().equals(d.incident())
                            ? l.since() : s.when())
                    .and("event", e.id()).and("panel", e.panel()).and("uncertain", d.uncertain()));
        } else if (d.uncertain() && d.incident() != null) {
            statements.update(SQL.statement("mark_uncertain"), Params.of("id", d.incident()));
        }
        if (d.interruptedDrill() != null) {
            statements.update(SQL.statement("interrupt_drill"), Params.of("id", d.interruptedDrill())
                    .and("at", s.now()).and("event", e.id()).and("by", d.incident()));
        }
        Long age = e.ageMillis().isPresent() ? e.ageMillis().getAsLong() : null;
        statements.update(SQL.statement("insert_event"), Params.of("id", e.id()).and("site", e.site())
                .and("panel", e.panel()).and("type", e.type().name()).and("at", e.at()).and("seq", e.seq())
                .and("drill", e.drill()).and("received_at", s.now()).and("incident", d.incident())
                .and("seen", e.seen()).and("age_ms", age).and("acted_at", s.actedAt().orElse(null))
                .and("ordering", d.order().name()).and("verdict", d.verdict().name())
                .and("clock_offset_ms", ClockOffset.millis(e.at(), s.when())));
        if (d.change() == Decision.Change.CLOSED) {
            statements.update(SQL.statement("close_incident"), Params.of("closed_at", d.next().since())
                    .and("event", e.id()).and("id", d.incident()));
        }
        if (d.change() == Decision.Change.OPENED || d.change() == Decision.Change.CLOSED) {
            notice(d.incident(), d.change().name(), e.panel(), s.now());
        }
        if (d.modeChanged(before)) {
            saveMode(e.site(), d.next(), s.now());
        }
    }

    /**
     * What people must hear about, in the transaction that decided it; the notifier reads it from
     * there. {@code change}: OPENED, CLOSED (the kind then follows from the incident) or ESCALATED.
     */
    private void notice(String incident, String change, String panel, Instant at) throws SQLException {
        statements.update(SQL.statement("insert_notice"), Params.of("incident", incident).and("change", change)
                .and("panel", panel).and("at", at));
    }

    private void saveMode(String site, SiteMode mode, Instant now) throws SQLException {
        SiteMode.Lockdown l = mode instanceof SiteMode.Lockdown lock ? lock : null;
        statements.update(SQL.statement("upsert_site_state"), Params.of("site", site)
                .and("mode", l != null ? "LOCKDOWN" : "NORMAL").and("incident", l != null ? l.incident() : null)
                .and("since", mode.since()).and("drill", l != null && l.drill()).and("updated_at", now)
                .and("version", mode.version()).and("cleared_version", mode.lastClear().version())
                .and("cleared_at", mode.lastClear().at()));
    }

    public Map<String, SiteMode> siteModes() throws SQLException {
        Map<String, SiteMode> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("site_states")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant since = Instant.parse(rs.getString("since"));
                long version = rs.getLong("version");
                String clearedAt = rs.getString("cleared_at");
                SiteMode.Clear clear = new SiteMode.Clear(rs.getLong("cleared_version"),
                        clearedAt == null ? Instant.EPOCH : Instant.parse(clearedAt));
                out.put(rs.getString("site"), "LOCKDOWN".equals(rs.getString("mode"))
                        ? new SiteMode.Lockdown(version, rs.getString("incident"), since, rs.getInt("drill") == 1, clear)
                        : new SiteMode.Normal(version, since));
            }
        }
        return out;
    }

    /** Marks alarms and lockdowns opened before {@code deadline} and still unacknowledged; each only once. */
    public List<Escalated> escalate(Instant deadline, Instant now) throws SQLException {
        // Asked every second: a plain read first, so the usual answer (nothing due) takes no write lock.
        try (ResultSet rs = statements.query(SQL.statement("escalation_due"), Params.of("deadline", deadline))) {
            if (!rs.next()) {
                return List.of();
            }
        }
        return commit(() -> {
            List<Escalated> out = new ArrayList<>();
            try (ResultSet rs = statements.query(SQL.statement("escalate"), Params.of("now", now).and("deadline", deadline))) {
                while (rs.next()) {
                    out.add(new Escalated(rs.getString("id"), rs.getString("site")));
                }
            }
            for (Escalated e : out) {
                notice(e.incident(), "ESCALATED", null, now);
            }
            return out;
        });
    }

    public record Escalated(String incident, String site) {
    }

    /** False when it was acknowledged already: the first acknowledgement counts. */
    public boolean acknowledge(String incident, String by, Instant at) throws SQLException {
        return commit(() -> statements.update(SQL.statement("acknowledge"),
                Params.of("at", at).and("by", by).and("id", incident)) == 1);
    }

    /** Site and kind of an incident: what permission checks and checklists need. */
    public record IncidentRef(String site, String kind) {
    }

    public Optional<IncidentRef> incident(String incident) throws SQLException {
        return incident(db, incident);
    }

    /** Shared with the read-only queries, so the lookup is written once. */
    static Optional<IncidentRef> incident(Connection c, String incident) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, SQL.statement("incident_ref"), Params.of("id", incident));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new IncidentRef(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** False when the item was ticked already: the first tick counts. */
    public boolean tick(String incident, int item, String text, String by, Instant at) throws SQLException {
        return commit(() -> statements.update(SQL.statement("tick"), Params.of("incident", incident).and("item", item)
                .and("text", text).and("at", at).and("by", by)) == 1);
    }

    public void addNote(String incident, String author, String text, Instant at) throws SQLException {
        commit(() -> statements.update(SQL.statement("insert_note"),
                Params.of("incident", incident).and("at", at).and("author", author).and("text", text)));
    }

    /** One panel's presence to keep; {@code supervision} names the change to log, null for a refresh only. */
    public record PresenceWrite(PanelKey panel, Presence presence, String supervision, Instant at) {
    }

    /**
     * Writes many panels' presence in one transaction, synced to the disk like every commit here.
     * Why not skip the fsync (as the hub did from 2026-12-02 to 12-04): the write-ahead log is synced
     * in order, so the next alarm's commit then synced every presence row written before it, a storm's
     * worth of pages, and an alarm during a mass reconnect spent 10-42 ms in its commit instead of
     * about 1 (docs/performance.md, 2026-12-04). Synced here, each chunk pays for its own pages and an
     * alarm waits for one chunk at most.
     */
    public void presence(List<PresenceWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        commit(() -> {
            List<Params> upserts = new ArrayList<>(writes.size());
            List<Params> logged = new ArrayList<>();
            for (PresenceWrite w : writes) {
                Presence p = w.presence();
                // a presence always has a last-seen time: one without is a fault, refused here, in the transaction
                upserts.add(Params.of("site", w.panel().site()).and("panel", w.panel().panel()).and("online", p.online())
                        .and("last_seen", p.lastSeen().toString()).and("heartbeat_s", p.heartbeatSeconds())
                        .and("clock_offset_ms", p.clockOffsetMillis())
                        .and("changed_at", w.supervision() == null ? null : w.at()));
                if (w.supervision() != null) {
                    logged.add(Params.of("site", w.panel().site()).and("panel", w.panel().panel())
                            .and("kind", w.supervision()).and("at", w.at()));
                }
            }
            statements.batch(SQL.statement("upsert_presence"), upserts);
            statements.batch(SQL.statement("insert_supervision"), logged);
            return null;
        });
    }

    public Map<PanelKey, Presence> presences() throws SQLException {
        Map<PanelKey, Presence> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("presences")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int heartbeat = rs.getInt("heartbeat_s");
                long offset = rs.getLong("clock_offset_ms");
                boolean noOffset = rs.wasNull();
                out.put(new PanelKey(rs.getString("site"), rs.getString("panel")), new Presence(rs.getInt("online") == 1,
                        Instant.parse(rs.getString("last_seen")), heartbeat, noOffset ? null : offset));
            }
        }
        return out;
    }

    public void rejected(String topic, String reason, String detail, Instant at) throws SQLException {
        String t = topic.length() > 200 ? topic.substring(0, 200) : topic;
        String d = detail.length() > 300 ? detail.substring(0, 300) : detail;
        statements.update(SQL.statement("insert_rejection"),
                Params.of("at", at).and("topic", t).and("reason", reason).and("detail", d));
    }

    /** One short write transaction (BEGIN IMMEDIATE), back to autocommit afterwards. */
    private <T> T commit(Jdbc.Work<T> work) throws SQLException {
        return Jdbc.inTransaction(db, work);
    }

    /** The writer's current synchronous setting (2 = FULL): every event commit must find it FULL. */
    int synchronousLevel() throws SQLException {
        try (java.sql.Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            statements.close();
        } finally {
            db.close();
        }
    }
}
