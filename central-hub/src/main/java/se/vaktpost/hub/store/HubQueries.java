package se.vaktpost.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import se.vaktpost.storage.Jdbc;

/** Read-only queries for the HTTP API, on their own connection beside the writer (WAL). */
public final class HubQueries implements AutoCloseable {

    public record IncidentRow(String id, String site, String kind, boolean drill, String openedAt, String panel,
                              String closedAt, String acknowledgedAt, String acknowledgedBy, String escalatedAt) {
    }

    public record NoteRow(String at, String author, String text) {
    }

    public record TickRow(int item, String text, String at, String by) {
    }


    public record EventRow(String id, String site, String panel, String type, String at, long seq, boolean drill,
                           String receivedAt, String incident) {
    }

    private final Connection db;

    public HubQueries(Path file) throws SQLException {
        this.db = se.vaktpost.storage.SqliteDatabase.openReadOnly(file);
    }

    public synchronized List<IncidentRow> incidents(String site, int limit) throws SQLException {
        List<IncidentRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.get("incidents"), site, site, limit);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IncidentRow(rs.getString("id"), rs.getString("site"), rs.getString("kind"),
                        rs.getInt("drill") == 1, rs.getString("opened_at"), rs.getString("panel"),
                        rs.getString("closed_at"), rs.getString("acknowledged_at"), rs.getString("acknowledged_by"),
                        rs.getString("escalated_at")));
            }
        }
        return out;
    }

    public synchronized List<EventRow> events(String site, int limit) throws SQLException {
        List<EventRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.get("events"), site, site, limit);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EventRow(rs.getString("id"), rs.getString("site"), rs.getString("panel"),
                        rs.getString("type"), rs.getString("at"), rs.getLong("seq"), rs.getInt("drill") == 1,
                        rs.getString("received_at"), rs.getString("incident_id")));
            }
        }
        return out;
    }

    public synchronized List<NoteRow> notes(String incident) throws SQLException {
        List<NoteRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.get("notes"), incident); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new NoteRow(rs.getString("at"), rs.getString("author"), rs.getString("text")));
            }
        }
        return out;
    }

    public synchronized List<TickRow> ticks(String incident) throws SQLException {
        List<TickRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.get("ticks"), incident); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TickRow(rs.getInt("item"), rs.getString("text"), rs.getString("at"), rs.getString("by_user")));
            }
        }
        return out;
    }

    public synchronized java.util.Optional<HubStore.IncidentRef> incident(String incident) throws SQLException {
        return HubStore.incident(db, incident);
    }

    public synchronized boolean healthy() {
        try (PreparedStatement ps = db.prepareStatement(HubStore.SQL.get("count_events"));
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
