package se.vaktpost.agent.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import se.vaktpost.agent.time.Moment;
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.SqliteDatabase;

/**
 * The panel's durable outbox (SQLite, synchronous=FULL). {@link #store} commits before anything
 * is sent, so a press survives a crash or power loss between the press and the publish.
 */
public final class SqliteOutbox implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/outbox.sql");
    private final Connection db;
    private final String site;
    private final String panel;
    private final int capacity;

    public SqliteOutbox(Path file, String site, String panel, int capacity) throws SQLException {
        this.db = SqliteDatabase.openMigrated(file, "db/agent");
        this.site = site;
        this.panel = panel;
        this.capacity = capacity;
    }

    /**
     * Commits a new event and returns it with its id and sequence number. {@code seen} is the site
     * state version the panel held at the press; {@code pressed} the press by the monotonic clock.
     */
    public synchronized Stored store(EventType type, Instant at, boolean drill, long seen, Moment pressed)
            throws SQLException {
        UUID id = UUID.randomUUID();
        long seq;
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("insert"), Params.of("id", id).and("type", type.name())
                .and("at", at).and("drill", drill).and("droppable", type == EventType.TEST).and("seen", seen)
                .and("run", pressed.run()).and("mono_ns", pressed.nanos())); ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        enforceCapacity();
        return new Stored(new PanelEvent(id, site, panel, type, at, seq, drill, seen, java.util.OptionalLong.empty()),
                pressed);
    }

    /** Events not yet confirmed by the hub, oldest first. */
    public synchronized List<Stored> unconfirmed(int limit) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.statement("unconfirmed"), Params.of("limit", limit));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PanelEvent e = new PanelEvent(UUID.fromString(rs.getString("id")), site, panel,
                        EventType.valueOf(rs.getString("type")), Instant.parse(rs.getString("at")), rs.getLong("seq"),
                        rs.getInt("drill") == 1, rs.getLong("seen_version"), java.util.OptionalLong.empty());
                out.add(new Stored(e, new Moment(rs.getString("run"), rs.getLong("mono_ns"))));
            }
        }
        return out;
    }

    public synchronized int unconfirmedCount() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(SQL.get("count_unconfirmed"));
             ResultSet rs = ps.executeQuery()) {
            return rs.getInt(1);
        }
    }

    public synchronized void markPublished(UUID id, Instant at) throws SQLException {
        Jdbc.update(db, SQL.statement("mark_published"), Params.of("at", at).and("id", id));
    }

    /** The hub recorded the event. Returns false when it was already confirmed (a repeated ack). */
    public synchronized boolean confirm(UUID id, Instant at) throws SQLException {
        boolean changed = Jdbc.update(db, SQL.statement("confirm"), Params.of("at", at).and("id", id)) == 1;
        if (changed) {
            Jdbc.update(db, SQL.statement("prune_confirmed"), Params.of("keep", capacity));
        }
        return changed;
    }

    private void enforceCapacity() throws SQLException {
        int excess = unconfirmedCount() - capacity;
        if (excess > 0) {
            Jdbc.update(db, SQL.statement("drop_oldest_droppable"), Params.of("excess", excess));
        }
    }

    /** Keeps {@code state} as the newest the hub signed, unless a newer one is kept already. */
    public synchronized void saveState(se.vaktpost.protocol.SiteState state) throws SQLException {
        Jdbc.update(db, SQL.statement("save_state"), Params.of("mode", state.mode().name()).and("incident", state.incident())
                .and("since", state.since()).and("drill", state.drill()).and("version", state.version()));
    }

    /** The newest state the hub signed that this panel received, across restarts. */
    public synchronized java.util.Optional<se.vaktpost.protocol.SiteState> lastState() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(SQL.get("last_state")); java.sql.ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new se.vaktpost.protocol.SiteState(
                    se.vaktpost.protocol.Mode.valueOf(rs.getString("mode")), rs.getString("incident"),
                    Instant.parse(rs.getString("since")), rs.getInt("drill") == 1, rs.getLong("version")));
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
