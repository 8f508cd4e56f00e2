package se.vaktpost.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.hub.registry.SiteRegistry;
import se.vaktpost.storage.SqliteDatabase;

/**
 * A synthetic organisation for the report benchmark: sites with pupils and two panels each, and
 * incidents spread over whole years with a realistic mix (mostly registered cases, some alarms,
 * lockdowns and drills, a few tamper events), themes on some, and panel outages. Seeded, so every
 * run writes the same database.
 */
final class ReportData {
    private static final Category[] MANUAL = {Category.NEAR_MISS, Category.WORK_INJURY, Category.THREAT_VIOLENCE,
            Category.DEGRADING_TREATMENT, Category.DEGRADING_TREATMENT, Category.DEGRADING_TREATMENT,
            Category.WRITTEN_WARNING, Category.SUSPENSION, Category.VANDALISM, Category.FIRE, Category.DRUGS,
            Category.OTHER};

    private ReportData() {
    }

    static SiteRegistry registry(int sites) {
        List<SiteRegistry.SiteInfo> out = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            // Every tenth site has no pupil count, so the per-panel comparison is exercised too.
            out.add(new SiteRegistry.SiteInfo(site(s), "Skola " + s, s % 10 == 9 ? null : 200 + (s * 37) % 900,
                    List.of(new SiteRegistry.PanelInfo("reception", "Reception"),
                            new SiteRegistry.PanelInfo("kansli", "Kansli"))));
        }
        return new SiteRegistry(out);
    }

    static String site(int s) {
        return "skola-" + s;
    }

    /** Writes {@code incidents} incidents over the years [firstYear, firstYear + years); returns the count. */
    static long generate(Path file, int sites, int incidents, int firstYear, int years, ZoneId zone) throws Exception {
        try (Connection db = SqliteDatabase.openMigrated(file, "db/hub")) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM incidents")) {
                rs.next();
                if (rs.getLong(1) == incidents) {
                    System.err.println("reusing " + file + " with " + incidents + " incidents");
                    return incidents;
                }
            }
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA synchronous = OFF"); // set-up only: the measured part reads
            }
            db.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(20261122L);
            long start = ZonedDateTime.of(firstYear, 1, 1, 0, 0, 0, 0, zone).toInstant().toEpochMilli();
            long span = ZonedDateTime.of(firstYear + years, 1, 1, 0, 0, 0, 0, zone).toInstant().toEpochMilli() - start;
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO incidents (id, site, kind, drill, opened_at, "
                    + "acknowledged_at, closed_at, category, severity, status, ladder_step, follow_up_on) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement theme = db.prepareStatement("INSERT INTO incident_themes (incident, theme) VALUES (?, ?)")) {
                for (int i = 0; i < incidents; i++) {
                    row(ins, theme, random, sites, Instant.ofEpochMilli(start + random.nextLong(span)));
                    if ((i + 1) % 50_000 == 0) {
                        ins.executeBatch();
                        theme.executeBatch();
                        db.commit();
                        System.err.printf("  %,d / %,d incidents%n", i + 1, incidents);
                    }
                }
                ins.executeBatch();
                theme.executeBatch();
            }
            outages(db, random, sites, start, span);
            db.commit();
            return incidents;
        }
    }

    private static void row(PreparedStatement ins, PreparedStatement theme, SplittableRandom r, int sites, Instant at)
            throws Exception {
        String id = UUID.randomUUID().toString();
        int roll = r.nextInt(100);
        Category c = roll < 4 ? Category.ALARM : roll < 7 ? Category.LOCKDOWN : roll < 8 ? Category.TAMPER
                : MANUAL[r.nextInt(MANUAL.length)];
        int site = r.nextInt(sites);
        if (c == Category.DEGRADING_TREATMENT && site % 25 == 0 && r.nextInt(4) > 0) {
            c = Category.NEAR_MISS; // every 25th school reports little degrading treatment: flagged
        }
        boolean panel = c.raisedByPanel();
        boolean drill = (c == Category.LOCKDOWN || c == Category.ALARM) && r.nextInt(3) == 0;
        ins.setString(1, id);
        ins.setString(2, site(site));
        ins.setString(3, panel ? c.name() : "MANUAL");
        ins.setInt(4, drill ? 1 : 0);
        ins.setString(5, at.toString());
        ins.setString(6, panel && c != Category.TAMPER && r.nextInt(20) > 0 ? at.plusSeconds(5 + r.nextInt(120)).toString() : null);
        ins.setString(7, panel ? at.plusSeconds(60 + r.nextInt(3600)).toString() : null);
        ins.setString(8, c.name());
        ins.setObject(9, panel ? null : 1 + r.nextInt(4));
        ins.setString(10, panel ? CaseStatus.REPORTED.name() : CaseStatus.values()[r.nextInt(4)].name());
        ins.setObject(11, panel ? null : 1 + r.nextInt(5));
        ins.setString(12, panel ? null : at.atZone(ZoneId.of("UTC")).toLocalDate().plusDays(7).toString());
        ins.addBatch();
        if (!panel && r.nextInt(20) == 0) {
            theme.setString(1, id);
            theme.setString(2, r.nextBoolean() ? "Konflikt X" : "Våldsbejakande extremism");
            theme.addBatch();
        }
    }

    /**
     * Each panel online from the start, with about a dozen outages a year of up to a day; its
     * presence row as the hub keeps it (online now, its first change), which the report starts from.
     */
    private static void outages(Connection db, SplittableRandom r, int sites, long start, long span) throws Exception {
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO supervision (site, panel, kind, at) VALUES (?, ?, ?, ?)");
             PreparedStatement presence = db.prepareStatement("INSERT INTO panel_presence (site, panel, online, last_seen, "
                     + "first_change_at) VALUES (?, ?, 1, ?, ?)")) {
            for (int s = 0; s < sites; s++) {
                for (String panel : List.of("reception", "kansli")) {
                    long t = start;
                    add(ins, s, panel, "STATUS_ONLINE", t);
                    while (true) {
                        t += r.nextLong(60L * 24 * 3600 * 1000);
                        if (t >= start + span) {
                            break;
                        }
                        add(ins, s, panel, "HEARTBEAT_TIMEOUT", t);
                        t += r.nextLong(24L * 3600 * 1000);
                        add(ins, s, panel, "STATUS_ONLINE", t);
                    }
                    presence.setString(1, site(s));
                    presence.setString(2, panel);
                    presence.setString(3, Instant.ofEpochMilli(t).toString());
                    presence.setString(4, Instant.ofEpochMilli(start).toString());
                    presence.addBatch();
                }
            }
            ins.executeBatch();
            presence.executeBatch();
        }
    }

    private static void add(PreparedStatement ins, int site, String panel, String kind, long at) throws Exception {
        ins.setString(1, site(site));
        ins.setString(2, panel);
        ins.setString(3, kind);
        ins.setString(4, Instant.ofEpochMilli(at).toString());
        ins.addBatch();
    }
}
