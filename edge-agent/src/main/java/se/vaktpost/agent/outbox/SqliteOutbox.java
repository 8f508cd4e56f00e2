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
import se.vaktpost.protocol.EventType;
import se.vaktpost.protocol.PanelEvent;
import se.vaktpost.storage.NamedSql;
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

    /** Commits a new event and returns it with its id and sequence number. */
    public synchronized PanelEvent store(EventType type, Instant at, boolean drill) throws SQLException {
        UUID id = UUID.randomUUID();
        boolean droppable = type == EventType.TEST;
        long seq;
        try (PreparedStatement ps = db.prepareStatement(SQL.get("insert"), PreparedStatement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, id.toString());
            ps.setString(2, type.name());
            ps.setString(3, at.toString());
            ps.setInt(4, drill ? 1 : 0);
            ps.setInt(5, droppable ? 1 : 0);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                seq = keys.getLong(1);
            }
        }
        enforceCapacity();
        return new PanelEvent(id, site, panel, type, at, seq, drill);
    }

    /** Events not yet confirmed by the hub, oldest first. */
    public synchronized List<PanelEvent> unconfirmed(int limit) throws SQLException {
        List<PanelEvent> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.get("unconfirmed"))) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PanelEvent(UUID.fromString(rs.getString("id")), site, panel,
                            EventType.valueOf(rs.getString("type")), Instant.parse(rs.getString("at")),
                            rs.getLong("seq"), rs.getInt("drill") == 1));
                }
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
        try (PreparedStatement ps = db.prepareStatement(SQL.get("mark_published"))) {
            ps.setString(1, at.toString());
            ps.setString(2, id.toString());
            ps.executeUpdate();
        }
    }

    /** The hub recorded the event. Returns false when it was already confirmed (a repeated ack). */
    public synchronized boolean confirm(UUID id, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(SQL.get("confirm"))) {
            ps.setString(1, at.toString());
            ps.setString(2, id.toString());
            boolean changed = ps.executeUpdate() == 1;
            if (changed) {
                prune();
            }
            return changed;
        }
    }

    private void enforceCapacity() throws SQLException {
        int excess = unconfirmedCount() - capacity;
        if (excess > 0) {
            try (PreparedStatement ps = db.prepareStatement(SQL.get("drop_oldest_droppable"))) {
                ps.setInt(1, excess);
                ps.executeUpdate();
            }
        }
    }

    private void prune() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(SQL.get("prune_confirmed"))) {
            ps.setInt(1, capacity);
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
