package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.app.HubMain;
import se.vaktpost.protocol.Topics;
import se.vaktpost.protocol.transport.BrokerConnection;
import se.vaktpost.protocol.transport.MqttCredentials;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.MqttTestClient;
import se.vaktpost.testkit.FreePort;
import se.vaktpost.testkit.JavaProcess;

/** The hub as the demo starts it: embedded broker, clear words when a port is taken. */
class HubStartupTest {
    @TempDir
    Path dir;

    @Test
    void withoutAnExternalBrokerTheHubRunsItsEmbeddedOneAndReportsHealthy() throws Exception {
        int http = FreePort.find();
        int mqtt = FreePort.find();
        try (JavaProcess hub = JavaProcess.start("hub", HubMain.class, dir.resolve("hub.log"), List.of(
                "--config", Path.of("../config/sites.example.yaml").toAbsolutePath().toString(),
                "--db", dir.resolve("hub.db").toString(), "--http-port", String.valueOf(http),
                "--mqtt-port", String.valueOf(mqtt)))) {
            hub.awaitLine("Vaktpost hub ready", Duration.ofSeconds(90));
            hub.awaitLine("alarm path: connected to broker ssl://127.0.0.1:" + mqtt, Duration.ofSeconds(30));
            assertThat(hub.lines()).anyMatch(l -> l.contains("refuses anonymous clients"));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/sites")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("the API needs a session").isEqualTo(401);
            assertThat(anonymous.body()).contains("sign in first");

            for (String probe : List.of("/health/live", "/health/ready")) {
                HttpResponse<String> r = get(http, probe);
                assertThat(r.statusCode()).as(probe).isEqualTo(200);
                assertThat(r.body()).as(probe).contains("\"status\":\"UP\"").contains("\"version\":\"0.");
            }
            String metrics = get(http, "/metrics").body();
            assertThat(metrics).containsPattern("vaktpost_build_info\\{application=\"central-hub\",commit=\"[0-9a-f]{10}\",version=\"[^\"]+\"} 1(\\.0)?\n")
                    .containsPattern("vaktpost_hub_mqtt_connected\\{link=\"alarm\"} 1(\\.0)?\n")
                    .containsPattern("vaktpost_hub_mqtt_connected\\{link=\"presence\"} 1(\\.0)?\n")
                    .containsPattern("vaktpost_hub_site_panels\\{site=\"ekbacken\"} [1-9]")
                    .containsPattern("vaktpost_hub_panel_online\\{panel=\"reception\",site=\"ekbacken\"} 0(\\.0)?\n")
                    .containsPattern("vaktpost_backup_last_success_timestamp_seconds 0(\\.0)?\n")
                    .contains("vaktpost_hub_lockdown_fanout_seconds_bucket{le=\"1.0\"}")
                    .as("the HTTP requests so far, by route template").containsPattern(
                            "http_server_requests_seconds_count\\{method=\"GET\",route=\"/health/ready\",status=\"200\"} 1(\\.0)?\n")
                    .containsPattern("http_server_requests_seconds_count\\{method=\"GET\",route=\"/api/\",status=\"401\"} 1(\\.0)?\n");
            assertThat(get(http, "/metrics?name[]=vaktpost_hub_panels_online").body().lines().filter(l -> !l.startsWith("#")))
                    .as("only the series asked for").singleElement().asString().matches("vaktpost_hub_panels_online 0(\\.0)?");

            JavaProcess second = JavaProcess.start("hub2", HubMain.class, dir.resolve("hub2.log"), List.of(
                    "--config", Path.of("../config/sites.example.yaml").toAbsolutePath().toString(),
                    "--db", dir.resolve("hub.db").toString(), "--http-port", String.valueOf(FreePort.find()),
                    "--mqtt-port", String.valueOf(FreePort.find())));
            assertThat(second.awaitExit(Duration.ofSeconds(60))).as("a second hub on the same database").isEqualTo(2);
            assertThat(String.join("\n", second.lines())).contains("a running hub holds").doesNotContain("\tat ");
        }
    }

    /** The hub as packaged: {@code java -jar}, with its own logging configuration. */
    private JavaProcess packagedHub(String name, java.util.Map<String, String> env) {
        return JavaProcess.startJar(name, Path.of("../central-hub/target/central-hub.jar"), dir.resolve(name + ".log"), List.of(
                "--config", Path.of("../config/sites.example.yaml").toAbsolutePath().toString(),
                "--db", dir.resolve(name + ".db").toString(), "--http-port", String.valueOf(FreePort.find()),
                "--mqtt-port", String.valueOf(FreePort.find())), env);
    }

    @Test
    void theLogSaysDateTimeLevelLoggerAndMessageOrWithVaktpostLogFormatJsonOneJsonObjectALine() throws Exception {
        try (JavaProcess text = packagedHub("text", java.util.Map.of())) {
            text.awaitLine("Vaktpost hub ready", Duration.ofSeconds(90));
            assertThat(text.lines()).as("date and time with offset, level, app, logger, message")
                    .anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[hub\\] "
                            + "\\S*HubMain - Vaktpost hub ready.*"));
        }
        try (JavaProcess json = packagedHub("json", java.util.Map.of("VAKTPOST_LOG_FORMAT", "JSON"))) {
            json.awaitLine("Vaktpost hub ready", Duration.ofSeconds(90));
            List<String> lines = json.lines().stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).isNotEmpty().allSatisfy(l -> {
                io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(l);
                assertThat(o.getLong("timestamp")).isPositive();
                assertThat(o.getString("level")).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(o.getString("loggerName")).isNotBlank();
                assertThat(o.getString("formattedMessage")).isNotNull();
            });
            assertThat(lines).anyMatch(l -> new io.vertx.core.json.JsonObject(l).getString("formattedMessage")
                    .startsWith("Vaktpost hub ready"));
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEmbeddedBrokerLetsInOnlyTheIdentitiesTheHubIssuedAndOnlyOnTheirOwnTopics() throws Exception {
        int mqtt = FreePort.find();
        List<String> registry = List.of("--config", Path.of("../config/sites.example.yaml").toAbsolutePath().toString(),
                "--db", dir.resolve("hub.db").toString());
        try (JavaProcess hub = JavaProcess.start("hub", HubMain.class, dir.resolve("hub.log"), concat(registry,
                List.of("--http-port", String.valueOf(FreePort.find()), "--mqtt-port", String.valueOf(mqtt))))) {
            hub.awaitLine("alarm path: connected to broker ssl://127.0.0.1:" + mqtt, Duration.ofSeconds(90));
            Path cred = dir.resolve("credentials");
            assertThat(cli(concat(List.of("panels", "provision", "ekbacken/reception", "ekbacken/hus-b", "--out", cred.toString(),
                    "--broker-url", "ssl://127.0.0.1:" + mqtt), registry))).isZero();
            BrokerConnection panel = BrokerConnection.as(MqttCredentials.load(cred.resolve("ekbacken/reception")), null);
            BrokerConnection peer = BrokerConnection.as(MqttCredentials.load(cred.resolve("ekbacken/hus-b")), null);

            assertThat(MqttTestClient.refusal(panel.withoutIdentity(), "stranger")).contains("refused");
            try (MqttTestClient observer = MqttTestClient.connect(peer, "ignored").subscribe(Topics.state("ekbacken"));
                 MqttTestClient forger = MqttTestClient.connect(panel, "ignored")) {
                Await.until(() -> !observer.received().isEmpty(), Duration.ofSeconds(10), "the hub's retained state");
                String forged = "{\"mode\":\"NORMAL\"}";
                forger.publish(Topics.state("ekbacken"), forged, true);
                Await.until(() -> !forger.connected(), Duration.ofSeconds(10), "HiveMQ to cut off a publish outside the ACL");
                // the hub may send its own state again meanwhile (at its first connect it sends one site's
                // state once more to warm the way out), so: nothing but the hub's signed states arrived
                assertThat(observer.received()).as("the forged state never reached anyone")
                        .allSatisfy(r -> assertThat(r.payload()).isNotEqualTo(forged).contains("\"sig\":"));
            }
            assertThat(cli(concat(List.of("panels", "revoke", "ekbacken/reception"), registry))).isZero();
            assertThat(MqttTestClient.refusal(panel, "after")).as("revoked: refused at the next connect").contains("refused");
        }
    }

    private int cli(List<String> args) {
        JavaProcess p = JavaProcess.start("cli", HubMain.class, dir.resolve("cli-" + args.get(1) + ".log"), args);
        return p.awaitExit(Duration.ofSeconds(60));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aPortAlreadyInUseIsOneClearLineAndExitStatusTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            JavaProcess hub = JavaProcess.start("hub", HubMain.class, dir.resolve("hub.log"), List.of(
                    "--config", Path.of("../config/sites.example.yaml").toAbsolutePath().toString(),
                    "--db", dir.resolve("hub.db").toString(), "--http-port", String.valueOf(FreePort.find()),
                    "--mqtt-port", String.valueOf(taken.getLocalPort())));
            assertThat(hub.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            String out = String.join("\n", hub.lines());
            assertThat(out).contains("Port " + taken.getLocalPort() + " for the embedded MQTT broker is already in use")
                    .contains("--mqtt-port").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aBrokenRegistryStopsTheHubNamingTheProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "sites:\n  - id: Skola A\n    panels: [{id: p1}]\n");
        JavaProcess hub = JavaProcess.start("hub", HubMain.class, dir.resolve("hub.log"), List.of(
                "--config", bad.toString(), "--db", dir.resolve("hub.db").toString(),
                "--http-port", String.valueOf(FreePort.find()), "--mqtt-url", "tcp://127.0.0.1:1"));
        assertThat(hub.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(String.join("\n", hub.lines())).contains("site id 'Skola A'").doesNotContain("\tat ");
    }
}
