package se.vaktpost.hub.report;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.NamedSql;
import se.vaktpost.storage.SqliteDatabase;

/**
 * Reads the facts reports are made from, and keeps the action plan. SQL in sql/report.sql. A null
 * list of sites means every site.
 */
public final class ReportStore implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("sql/report.sql");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Connection db;

    /** A connection of its own to the hub's database, which the caller opened (and migrated) once. */
    public ReportStore(SqliteDatabase database) throws SQLException {
        this.db = database.connect();
    }

    /** For a command-line tool, the only user of the file in its process: opens and migrates it. */
    public ReportStore(Path file) throws SQLException {
        this(SqliteDatabase.open(file, "db/hub"));
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("PRAGMA cache_size = -65536"); // 64 MiB: a yearly report reads a year or two of the log
        }
    }

    public synchronized List<Facts.Incident> incidents(ReportPeriod p, List<String> sites) throws SQLException {
        List<Facts.Incident> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("incidents"), Jdbc.bound(p.start()), Jdbc.bound(p.end()),
                json(sites)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Facts.Incident(rs.getString(1), category(rs.getString(2)), rs.getInt(3) == 1,
                        Instant.ofEpochMilli(rs.getLong(4)), millis(rs, 5), millis(rs, 6), status(rs.getString(7)),
                        rs.getInt(8)));
            }
        }
        return out;
    }

    public synchronized List<Facts.Theme> themes(ReportPeriod p, List<String> sites) throws SQLException {
        List<Facts.Theme> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("themes"), Jdbc.bound(p.start()), Jdbc.bound(p.end()),
                json(sites)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Facts.Theme(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
            }
        }
        return out;
    }

    /** Degrading-treatment reports per site in the period, for the whole organisation. */
    public synchronized Map<String, Long> degradingBySite(ReportPeriod p) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("degrading_by_site"), Jdbc.bound(p.start()),
                Jdbc.bound(p.end())); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    public synchronized List<Facts.PresenceChange> presence(ReportPeriod p, List<String> sites) throws SQLException {
        List<Facts.PresenceChange> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("presence"), Jdbc.bound(p.start()), Jdbc.bound(p.end()),
                json(sites)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Facts.PresenceChange(rs.getString(1), rs.getString(2), "STATUS_ONLINE".equals(rs.getString(3)),
                        Instant.parse(rs.getString(4))));
            }
        }
        return out;
    }

    public synchronized List<Facts.FollowUp> openFollowUps(List<String> sites) throws SQLException {
        List<Facts.FollowUp> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("open_follow_ups"), json(sites));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Facts.FollowUp(rs.getString(1), category(rs.getString(2)), LocalDate.parse(rs.getString(3))));
            }
        }
        return out;
    }

    /** The plan's rows for a year: the organisation's and, when {@code sites} is given, those sites'. */
    public synchronized List<ActionPlanItem> plan(int year, List<String> sites) throws SQLException {
        List<ActionPlanItem> out = new ArrayList<>();
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("plan"), year, json(sites));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(planRow(rs));
            }
        }
        return out;
    }

    public synchronized long addToPlan(ActionPlanItem a, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("plan_insert"), a.year(), a.site(), a.focusArea(),
                a.activity(), a.goal(), a.followUp(), now, by); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** False when there is no such row. */
    public synchronized boolean updatePlan(ActionPlanItem a, String by, Instant now) throws SQLException {
        return Jdbc.update(db, SQL.get("plan_update"), a.year(), a.site(), a.focusArea(), a.activity(), a.goal(),
                a.followUp(), now, by, a.id()) == 1;
    }

    public synchronized Optional<ActionPlanItem> planItem(long id) throws SQLException {
        try (PreparedStatement ps = Jdbc.prepare(db, SQL.get("plan_item"), id); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(planRow(rs)) : Optional.empty();
        }
    }

    public synchronized boolean removeFromPlan(long id) throws SQLException {
        return Jdbc.update(db, SQL.get("plan_delete"), id) == 1;
    }

    /** The scope as a JSON array for json_each; null (no filter) for every site of the organisation. */
    private static String json(List<String> sites) {
        if (sites == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(sites);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ActionPlanItem planRow(ResultSet rs) throws SQLException {
        return new ActionPlanItem(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }

    private static Instant millis(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    private static Category category(String text) {
        try {
            return Category.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Category.OTHER;
        }
    }

    private static CaseStatus status(String text) {
        try {
            return CaseStatus.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CaseStatus.REPORTED;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
