package se.vaktpost.hub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.incidentlog.CaseStatus;
import se.vaktpost.hub.incidentlog.Category;
import se.vaktpost.hub.presence.PresenceSupervisor.PanelKey;
import se.vaktpost.hub.presence.PresenceSupervisor.Presence;
import se.vaktpost.hub.store.HubStore;
import se.vaktpost.storage.Jdbc;
import se.vaktpost.storage.SqliteDatabase;

/** The report queries against a real SQLite file written the way the hub writes it. */
class ReportStoreTest {
    private static final ReportPeriod YEAR = ReportPeriod.year(2025, ZoneId.of("Europe/Stockholm"));
    @TempDir
    Path dir;

    private Path db() throws Exception {
        Path file = dir.resolve("hub.db");
        try (Connection c = SqliteDatabase.openMigrated(file, "db/hub")) {
            String insert = "INSERT INTO incidents (id, site, kind, drill, opened_at, acknowledged_at, closed_at, category, "
                    + "status, ladder_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            // Instant.toString() drops zero fractions and keeps nanoseconds; both must read back exactly.
            Jdbc.update(c, insert, "a", "ek", "LOCKDOWN", 0, "2025-03-01T10:00:00Z", "2025-03-01T10:00:30.123456789Z",
                    "2025-03-01T10:20:00.5Z", "LOCKDOWN", "REPORTED", null);
            Jdbc.update(c, insert, "b", "sol", "MANUAL", 0, "2025-06-01T10:00:00.250Z", null, null,
                    "DEGRADING_TREATMENT", "INVESTIGATING", 3);
            // 23:30 on New Year's Eve in Stockholm is 22:30 UTC: still 2025; 00:30 on 1 January 2026 is not.
            Jdbc.update(c, insert, "c", "ek", "MANUAL", 0, "2025-12-31T22:30:00Z", null, null, "FIRE", "CLOSED", 1);
            Jdbc.update(c, insert, "d", "ek", "MANUAL", 0, "2025-12-31T23:30:00Z", null, null, "FIRE", "CLOSED", 1);
            Jdbc.update(c, "INSERT INTO incident_themes (incident, theme) VALUES ('b', 'Konflikt X')");
        }
        // presence as the hub's core writes it: each change with its supervision row, in one store
        try (Connection c = SqliteDatabase.openMigrated(file, "db/hub"); HubStore store = new HubStore(c)) {
            change(store, "ek", "p1", true, "STATUS_ONLINE", "2024-06-01T00:00:00Z");
            change(store, "ek", "p1", false, "HEARTBEAT_TIMEOUT", "2024-12-01T00:00:00Z");
            change(store, "ek", "p1", true, "STATUS_ONLINE", "2024-12-02T00:00:00Z");
            change(store, "ek", "p1", false, "STATUS_OFFLINE", "2025-02-01T00:00:00Z");
            change(store, "ek", "p2", true, "STATUS_ONLINE", "2024-03-01T00:00:00Z"); // none since
            store.presence(List.of(new HubStore.PresenceWrite(new PanelKey("ek", "p2"), // a refresh keeps the first change
                    new Presence(true, Instant.parse("2025-07-01T00:00:00Z"), 10, null), null,
                    Instant.parse("2025-07-01T00:00:00Z"))));
            change(store, "ek", "p4", true, "STATUS_ONLINE", "2024-05-01T00:00:00Z");
            change(store, "ek", "p4", false, "STATUS_OFFLINE", "2026-02-01T00:00:00Z"); // after the period
            change(store, "sol", "p3", true, "STATUS_ONLINE", "2025-04-01T00:00:00Z"); // first known within it
        }
        return file;
    }

    @Test
    void readsTheYearsIncidentsWithExactTimesAndLocalYearBounds() throws Exception {
        try (ReportStore store = new ReportStore(db())) {
            List<Facts.Incident> all = store.incidents(YEAR, null);
            assertThat(all).hasSize(3);
            Facts.Incident lockdown = all.stream().filter(f -> f.category() == Category.LOCKDOWN).findFirst().orElseThrow();
            assertThat(lockdown.acknowledgedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:30.123Z"));
            assertThat(lockdown.closedAt()).isEqualTo(Instant.parse("2025-03-01T10:20:00.500Z"));
            Facts.Incident b = all.stream().filter(f -> f.site().equals("sol")).findFirst().orElseThrow();
            assertThat(b.openedAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00.250Z"));
            assertThat(b.acknowledgedAt()).isNull();
            assertThat(b.status()).isEqualTo(CaseStatus.INVESTIGATING);
            assertThat(b.ladderStep()).isEqualTo(3);
            assertThat(store.incidents(YEAR, List.of("sol"))).hasSize(1);
            assertThat(store.themes(YEAR, List.of("ek"))).isEmpty();
            assertThat(store.themes(YEAR, null)).containsExactly(
                    new Facts.Theme("sol", "Konflikt X", Instant.parse("2025-06-01T10:00:00.250Z")));
            assertThat(store.degradingBySite(YEAR)).containsEntry("sol", 1L).doesNotContainKey("ek");
        }
    }

    private static void change(HubStore store, String site, String panel, boolean online, String kind, String at)
            throws java.sql.SQLException {
        Instant t = Instant.parse(at);
        store.presence(List.of(new HubStore.PresenceWrite(new PanelKey(site, panel), new Presence(online, t, 10, null), kind, t)));
    }

    /**
     * Each panel's state when the period began (a row at its first change, which the report clips to
     * the start), then the period's changes; a panel first known within the period has no start row.
     */
    @Test
    void presenceStartsFromEachPanelsStateWhenThePeriodBegan() throws Exception {
        try (ReportStore store = new ReportStore(db())) {
            assertThat(store.presence(YEAR, null)).containsExactly(
                    new Facts.PresenceChange("ek", "p2", true, Instant.parse("2024-03-01T00:00:00Z")),
                    new Facts.PresenceChange("ek", "p4", true, Instant.parse("2024-05-01T00:00:00Z")),
                    new Facts.PresenceChange("ek", "p1", true, Instant.parse("2024-06-01T00:00:00Z")),
                    new Facts.PresenceChange("ek", "p1", false, Instant.parse("2025-02-01T00:00:00Z")),
                    new Facts.PresenceChange("sol", "p3", true, Instant.parse("2025-04-01T00:00:00Z")));
            assertThat(store.presence(YEAR, List.of("sol"))).containsExactly(
                    new Facts.PresenceChange("sol", "p3", true, Instant.parse("2025-04-01T00:00:00Z")));
        }
    }

    @Test
    void theActionPlanKeepsOrganisationRowsFirstAndFiltersBySite() throws Exception {
        try (ReportStore store = new ReportStore(db())) {
            Instant now = Instant.parse("2025-05-01T00:00:00Z");
            long site = store.addToPlan(new ActionPlanItem(0, 2025, "sol", "Trygghet", "Övning", "", ""), "anna", now);
            long org = store.addToPlan(new ActionPlanItem(0, 2025, null, "Kunskap", "Utbildning", "Alla", ""), "anna", now);
            store.addToPlan(new ActionPlanItem(0, 2024, null, "Förra året", "x", "", ""), "anna", now);
            assertThat(store.plan(2025, null)).extracting(ActionPlanItem::id).containsExactly(org, site);
            assertThat(store.plan(2025, List.of("ek"))).extracting(ActionPlanItem::id).containsExactly(org);
            assertThat(store.updatePlan(new ActionPlanItem(site, 2025, "sol", "Trygghet", "Övning", "", "Gjord"), "anna", now))
                    .isTrue();
            assertThat(store.planItem(site).orElseThrow().followUp()).isEqualTo("Gjord");
            assertThat(store.removeFromPlan(site)).isTrue();
            assertThat(store.planItem(site)).isEmpty();
        }
    }
}
