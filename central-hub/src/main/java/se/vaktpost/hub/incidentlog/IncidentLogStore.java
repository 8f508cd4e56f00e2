package se.vaktpost.hub.incidentlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.SqliteDatabase;

/** The incident log in the hub's SQLite file; people's details go to their own table. */
public final class IncidentLogStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/incidentlog.sql");
    private final Connection db;
    private final ZoneId zone;

    public IncidentLogStore(SqliteDatabase database, ZoneId zone) throws SQLException {
        this.db = database.connect();
        this.zone = zone;
    }

    public synchronized String register(NewIncident n, String by) throws SQLException {
        String id = UUID.randomUUID().toString();
        Jdbc.inTransaction(db, () -> {
            Jdbc.update(db, SQL.get("insert"), id, n.site(), n.at(), n.category().name(), n.severity(), n.description(),
                    n.step().number(), n.followUp(zone), by);
            for (String theme : n.themes()) {
                Jdbc.update(db, SQL.get("insert_theme"), id, theme.trim());
            }
            return null;
        });
        return id;
    }

    public synchronized List<LogEntry> search(LogFilter f) throws SQLException {
        List<LogEntry> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("search"), f.site(), bound(f.from()), bound(f.to()),
                f.category() == null ? null : f.category().name(), f.status() == null ? null : f.status().name(),
                f.theme(), f.overdueOn(), f.limit());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    public synchronized Optional<LogEntry> entry(String id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("one"), id); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
        }
    }

    /** Applies the update; empty when there is no such incident. */
    public synchronized Optional<LogEntry> update(String id, CaseUpdate u, Instant now) throws SQLException {
        Optional<LogEntry> before = entry(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        LogEntry after = u.applyTo(before.get());
        Jdbc.update(db, SQL.get("update"), after.status().name(), after.ladderStep(), after.followUpOn(), after.measures(),
                after.status().name(), now, id);
        return entry(id);
    }

    public record Person(String name, String part, String note, String addedAt, String addedBy) {
    }

    public synchronized void addPerson(String incident, String name, String part, String note, String by, Instant now)
            throws SQLException {
        Jdbc.update(db, SQL.get("insert_person"), incident, name, part, note, now, by);
    }

    public synchronized List<Person> people(String incident) throws SQLException {
        List<Person> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("people"), incident); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Person(rs.getString("name"), rs.getString("part"), rs.getString("note"),
                        rs.getString("added_at"), rs.getString("added_by")));
            }
        }
        return out;
    }

    public ZoneId zone() {
        return zone;
    }

    private String bound(LocalDate day) {
        return day == null ? null : Jdbc.bound(day.atStartOfDay(zone).toInstant());
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        String themes = rs.getString("themes");
        return new LogEntry(rs.getString("id"), rs.getString("site"), Category.valueOf(rs.getString("category")),
                (Integer) rs.getObject("severity"), rs.getString("opened_at"), rs.getInt("drill") == 1,
                rs.getString("description"), CaseStatus.valueOf(rs.getString("status")),
                (Integer) rs.getObject("ladder_step"), rs.getString("follow_up_on"), rs.getString("measures"),
                rs.getString("acknowledged_at"), rs.getString("closed_at"),
                themes == null ? List.of() : Arrays.stream(themes.split("\\|")).sorted().toList());
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
