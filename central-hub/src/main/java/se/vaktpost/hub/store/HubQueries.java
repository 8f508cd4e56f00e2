package se.vaktpost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.Params;
import se.vaktpost.storage.SqliteDatabase;

/** Read-only queries for the HTTP API, on their own connection beside the writer (WAL). */
public final class HubQueries implements AutoCloseable {

    public record IncidentRow(String id, String site, String kind, boolean drill, String openedAt, String panel,
                              String closedAt, String acknowledgedAt, String acknowledgedBy, String escalatedAt,
                              boolean orderUncertain, String interruptedAt, String interruptedBy) {
        /** The same incident without the names of the staff who acted on it. */
        public IncidentRow withoutNames() {
            return new IncidentRow(id, site, kind, drill, openedAt, panel, closedAt, acknowledgedAt,
                    acknowledgedBy == null ? null : "", escalatedAt, orderUncertain, interruptedAt,
                    interruptedBy == null ? null : "");
        }
    }

    public record NoteRow(String at, String author, String text) {
    }

    public record TickRow(int item, String text, String at, String by) {
    }

    /** {@code at} is the panel's clock as reported; {@code actedAt} the hub's time of the press (null: unknown). */
    public record EventRow(String id, String site, String panel, String type, String at, long seq, boolean drill,
                           String receivedAt, String incident, String actedAt, String ordering, String verdict,
                           Long clockOffsetMs) {
    }

    private final Connection db;

    public HubQueries(SqliteDatabase database) throws SQLException {
        this.db = database.connectReadOnly();
    }

    public synchronized List<IncidentRow> incidents(String site, int limit) throws SQLException {
        List<IncidentRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.statement("incidents"),
                Params.of("site", site).and("limit", limit)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IncidentRow(rs.getString("id"), rs.getString("site"), rs.getString("kind"),
                        rs.getInt("drill") == 1, rs.getString("opened_at"), rs.getString("panel"),
                        rs.getString("closed_at"), rs.getString("acknowledged_at"), rs.getString("acknowledged_by"),
                        rs.getString("escalated_at"), rs.getInt("order_uncertain") == 1, rs.getString("interrupted_at"),
                        rs.getString("interrupted_by")));
            }
        }
        return out;
    }

    public synchronized List<EventRow> events(String site, int limit) throws SQLException {
        List<EventRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.statement("events"),
                Params.of("site", site).and("limit", limit)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long offset = rs.getLong("clock_offset_ms");
                Long clockOffset = rs.wasNull() ? null : offset;
                out.add(new EventRow(rs.getString("id"), rs.getString("site"), rs.getString("panel"),
                        rs.getString("type"), rs.getString("at"), rs.getLong("seq"), rs.getInt("drill") == 1,
                        rs.getString("received_at"), rs.getString("incident_id"), rs.getString("acted_at"),
                        rs.getString("ordering"), rs.getString("verdict"), clockOffset));
            }
        }
        return out;
    }

    public synchronized List<NoteRow> notes(String incident) throws SQLException {
        List<NoteRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.statement("notes"), Params.of("incident", incident));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new NoteRow(rs.getString("at"), rs.getString("author"), rs.getString("text")));
            }
        }
        return out;
    }

    public synchronized List<TickRow> ticks(String incident) throws SQLException {
        List<TickRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, HubStore.SQL.statement("ticks"), Params.of("incident", incident));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TickRow(rs.getInt("item"), rs.getString("text"), rs.getString("at"), rs.getString("by_user")));
            }
        }
        return out;
    }

    /** One message about an incident: to whom (user:, contact:, staff:, webhook:), how, and how it went. */
    public record DeliveryRow(long id, String kind, int step, String channel, String recipient, String status, int attempts,
                              String createdAt, String sentAt, String error) {
    }

    private static final se.vaktpost.storage.NamedSql NOTIFY_SQL = se.vaktpost.storage.NamedSql.load("sql/notify.sql");

    public synchronized List<DeliveryRow> deliveries(String incident) throws SQLException {
        List<DeliveryRow> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, NOTIFY_SQL.statement("incident_deliveries"), Params.of("incident", incident));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeliveryRow(rs.getLong("id"), rs.getString("kind"), rs.getInt("step"), rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("status"), rs.getInt("attempts"), rs.getString("created_at"),
                        rs.getString("sent_at"), rs.getString("last_error")));
            }
        }
        return out;
    }

    public synchronized Optional<HubStore.IncidentRef> incident(String incident) throws SQLException {
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
