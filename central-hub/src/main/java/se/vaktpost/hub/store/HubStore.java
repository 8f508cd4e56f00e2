package se.vaktpost.hub.store;

import java.nio.file.Path;
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
import se.vaktpost.hub.lockdown.SiteMode;
import se.vaktpost.hub.presence.PresenceSupervisor;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The hub's writer. Every event is recorded together with the incident and site-state change it
 * causes, in one transaction; the ack goes out only after that commit.
 */
public final class HubStore implements AutoCloseable {
    static final NamedSql SQL = NamedSql.load("sql/hub.sql");
    private final Connection db;

    public HubStore(Path file) throws SQLException {
        // Autocommit between transactions: a transaction left open would pin an old WAL snapshot
        // and fail with SQLITE_BUSY_SNAPSHOT once the account store writes beside it.
        this.db = SqliteDatabase.openMigrated(file, "db/hub");
    }

    /** An event already in the database; {@code incident} is null when it belongs to none. */
    public record Recorded(String incident) {
    }

    /** Empty when the id is new. */
    public Optional<Recorded> recorded(String eventId) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("event_incident"), eventId);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Recorded(rs.getString(1))) : Optional.empty();
        }
    }

    /** Records the event, its incident change and the new site mode atomically. */
    public void record(PanelEvent e, Decision d, SiteMode before, Instant receivedAt) throws SQLException {
        commit(() -> {
            if (d.change() == Decision.Change.OPENED) {
                Jdbc.update(db, SQL.get("open_incident"), d.incident(), e.site(), e.type().name(), e.drill(),
                        e.at(), e.id(), e.panel());
            }
            Jdbc.update(db, SQL.get("insert_event"), e.id(), e.site(), e.panel(), e.type().name(), e.at(), e.seq(),
                    e.drill(), receivedAt, d.incident());
            if (d.change() == Decision.Change.CLOSED) {
                Jdbc.update(db, SQL.get("close_incident"), e.at(), e.id(), d.incident());
            }
            if (d.modeChanged(before)) {
                saveMode(e.site(), d.next(), receivedAt);
            }
            return null;
        });
    }

    private void saveMode(String site, SiteMode mode, Instant now) throws SQLException {
        boolean locked = mode instanceof SiteMode.Lockdown;
        String incident = locked ? ((SiteMode.Lockdown) mode).incident() : null;
        boolean drill = locked && ((SiteMode.Lockdown) mode).drill();
        Jdbc.update(db, SQL.get("upsert_site_state"), site, locked ? "LOCKDOWN" : "NORMAL", incident,
                mode.since(), drill, now);
    }

    public Map<String, SiteMode> siteModes() throws SQLException {
        Map<String, SiteMode> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("site_states")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant since = Instant.parse(rs.getString("since"));
                out.put(rs.getString("site"), "LOCKDOWN".equals(rs.getString("mode"))
                        ? new SiteMode.Lockdown(rs.getString("incident"), since, rs.getInt("drill") == 1)
                        : new SiteMode.Normal(since));
            }
        }
        return out;
    }

    /** Marks alarms and lockdowns opened before {@code deadline} and still unacknowledged; each only once. */
    public List<Escalated> escalate(Instant deadline, Instant now) throws SQLException {
        // Asked every second: a plain read first, so the usual answer (nothing due) takes no write lock.
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("escalation_due"), deadline); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return List.of();
            }
        }
        return commit(() -> {
            List<Escalated> out = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("escalate"), now, deadline);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Escalated(rs.getString("id"), rs.getString("site")));
                }
            }
            return out;
        });
    }

    public record Escalated(String incident, String site) {
    }

    /** False when it was acknowledged already: the first acknowledgement counts. */
    public boolean acknowledge(String incident, String by, Instant at) throws SQLException {
        return commit(() -> Jdbc.update(db, SQL.get("acknowledge"), at, by, incident) == 1);
    }

    /** Site and kind of an incident: what permission checks and checklists need. */
    public record IncidentRef(String site, String kind) {
    }

    public Optional<IncidentRef> incident(String incident) throws SQLException {
        return incident(db, incident);
    }

    /** Shared with the read-only queries, so the lookup is written once. */
    static Optional<IncidentRef> incident(Connection c, String incident) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(c, SQL.get("incident_ref"), incident); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new IncidentRef(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** False when the item was ticked already: the first tick counts. */
    public boolean tick(String incident, int item, String text, String by, Instant at) throws SQLException {
        return commit(() -> Jdbc.update(db, SQL.get("tick"), incident, item, text, at, by) == 1);
    }

    public void addNote(String incident, String author, String text, Instant at) throws SQLException {
        commit(() -> Jdbc.update(db, SQL.get("insert_note"), incident, at, author, text));
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** One short write transaction (BEGIN IMMEDIATE), back to autocommit afterwards. */
    private <T> T commit(Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException ex) {
            db.rollback();
            throw ex;
        } finally {
            db.setAutoCommit(true);
        }
    }

    public void presenceChanged(PresenceSupervisor.Change c, Instant lastSeen) throws SQLException {
        commit(() -> {
            Jdbc.update(db, SQL.get("upsert_presence"), c.panel().site(), c.panel().panel(), c.online(), lastSeen);
            return Jdbc.update(db, SQL.get("insert_supervision"), c.panel().site(), c.panel().panel(),
                    c.reason().name(), c.at());
        });
    }

    public Map<PanelKey, PresenceSupervisor.Presence> presences() throws SQLException {
        Map<PanelKey, PresenceSupervisor.Presence> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("presences")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(new PanelKey(rs.getString("site"), rs.getString("panel")),
                        new PresenceSupervisor.Presence(rs.getInt("online") == 1, Instant.parse(rs.getString("last_seen"))));
            }
        }
        return out;
    }

    public void rejected(String topic, String reason, String detail, Instant at) throws SQLException {
        String t = topic.length() > 200 ? topic.substring(0, 200) : topic;
        String d = detail.length() > 300 ? detail.substring(0, 300) : detail;
        Jdbc.update(db, SQL.get("insert_rejection"), at, t, reason, d);
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
