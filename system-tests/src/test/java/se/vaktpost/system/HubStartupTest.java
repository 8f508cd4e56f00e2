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
            hub.awaitLine("alarm path: connected to broker tcp://127.0.0.1:" + mqtt, Duration.ofSeconds(30));
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
        }
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
