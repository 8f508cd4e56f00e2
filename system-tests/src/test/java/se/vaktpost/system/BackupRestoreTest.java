package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.hub.app.HubMain;
import com.fasterxml.jackson.databind.JsonNode;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.ApiClient.Reply;
import se.vaktpost.testkit.FreePort;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.JavaProcess;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue 12, backups: a backup of a running hub taken while a panel keeps pressing, restored into
 * a fresh hub, holds every event recorded before the backup began, the audit and the incident log.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    private int cli(String name, String... args) {
        JavaProcess p = JavaProcess.start(name, HubMain.class, dir.resolve(name + ".log"), List.of(args));
        return p.awaitExit(Duration.ofSeconds(60));
    }

    @Test
    void aBackupTakenWhilePanelsPressRestoresEveryEarlierEventWithTheAuditAndTheIncidentLog() throws Exception {
        Path key = dir.resolve("backup.key");
        Path backups = Files.createDirectories(dir.resolve("backups"));
        assertThat(cli("new-key", "backup", "--new-key", key.toString())).isZero();
        AtomicBoolean pressing = new AtomicBoolean(true);
        String incident;
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(Files.createDirectories(dir.resolve("live")), broker, 2)
                     .withUser("recep-alfa", Role.RECEPTION, "alfa").withUser("sakerhet", Role.SECURITY, null).start();
             PanelRig rig = new PanelRig(dir, broker)) {
            Panel a1 = rig.add("alfa", "a1");
            Await.until(a1::connected, Duration.ofSeconds(20), "the panel connected");
            PanelRig.tap(a1, Input.ALARM_BUTTON, 30);
            Await.until(() -> hub.count("SELECT count(*) FROM incidents WHERE kind = 'ALARM'") == 1, Duration.ofSeconds(10),
                    "the silent alarm's incident");
            incident = hub.text("SELECT id FROM incidents WHERE kind = 'ALARM'");
            assertThat(hub.as("sakerhet").post("/api/incidents/" + incident + "/acknowledge", "{}").status()).isEqualTo(200);
            Reply logged = hub.as("recep-alfa").post("/api/log", "{\"site\":\"alfa\",\"category\":\"near_miss\",\"severity\":2,"
                    + "\"description\":\"Okänd person i entrén\"}");
            assertThat(logged.status()).as(logged.toString()).isEqualTo(200);

            Thread presser = new Thread(() -> {
                while (pressing.get()) {
                    PanelRig.tap(a1, Input.ALARM_BUTTON, 30);
                    PanelRig.sleep(150);
                }
            }, "presser");
            presser.start();
            Await.until(() -> hub.count("SELECT count(*) FROM events") >= 5, Duration.ofSeconds(20), "presses recorded");
            long before = hub.count("SELECT count(*) FROM events");
            assertThat(cli("backup", "backup", "--db", hub.db().toString(), "--out", backups.toString(), "--key", key.toString()))
                    .as("the backup, the hub running and the panel pressing").isZero();
            long recordedAfter = hub.count("SELECT count(*) FROM events");
            pressing.set(false);
            presser.join();
            assertThat(recordedAfter).as("presses went on during the backup").isGreaterThan(before);
        }

        Path backup;
        try (Stream<Path> files = Files.list(backups)) {
            backup = files.filter(f -> f.getFileName().toString().endsWith(".db.cms")).findFirst().orElseThrow();
        }
        Path fresh = dir.resolve("fresh").resolve("hub.db");
        assertThat(cli("restore", "restore", backup.toString(), "--db", fresh.toString(), "--key", key.toString())).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM events")).as("every event recorded before the backup")
                    .isGreaterThanOrEqualTo(5);
            assertThat(count(s, "SELECT count(*) FROM incidents WHERE kind = 'ALARM' AND acknowledged_by = 'sakerhet'")).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM audit_log WHERE action = 'ACKNOWLEDGE'")).as("the audit").isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM incidents WHERE category = 'NEAR_MISS'")).as("the incident log").isEqualTo(1);
        }
        // a fresh hub (its own embedded broker) starts on it and serves what was restored
        int http = FreePort.find();
        try (JavaProcess restored = JavaProcess.start("restored", HubMain.class, dir.resolve("restored.log"), List.of(
                "--config", dir.resolve("live").resolve("sites.yaml").toString(), "--db", fresh.toString(),
                "--http-port", String.valueOf(http), "--mqtt-port", String.valueOf(FreePort.find())))) {
            restored.awaitLine("Vaktpost hub ready", Duration.ofSeconds(90));
            JsonNode incidents = new ApiClient(http).login(HubProcess.ADMIN, HubProcess.PASSWORD).get("/api/incidents").body();
            assertThat(incidents.findValuesAsText("id")).contains(incident);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }
}
