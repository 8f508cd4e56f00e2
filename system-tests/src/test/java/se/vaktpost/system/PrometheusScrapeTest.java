package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.FreePort;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * A real Prometheus (Debian's package, which .ci/run installs) scrapes a real hub with the alert
 * rules operations get, and the hub's metrics come back through Prometheus's own query API.
 */
class PrometheusScrapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = Path.of("../deploy/prometheus/rules").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesTheHubAndLoadsTheAlertRules() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).start()) {
            int port = FreePort.find();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s/*.yml
                    scrape_configs:
                      - job_name: vaktpost-hub
                        static_configs:
                          - targets: ['%s']
                    """.formatted(RULES, URI.create(hub.baseUrl()).getAuthority()));
            Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + port + "/api/v1/";
                Await.until(() -> !query(api, "vaktpost_build_info").isEmpty(), Duration.ofSeconds(60),
                        "vaktpost_build_info through Prometheus's API");
                JsonNode build = query(api, "vaktpost_build_info").get(0).get("metric");
                assertThat(build.get("application").asText()).isEqualTo("central-hub");
                assertThat(build.get("job").asText()).isEqualTo("vaktpost-hub");
                assertThat(query(api, "up{job=\"vaktpost-hub\"}").get(0).get("value").get(1).asText()).isEqualTo("1");
                assertThat(query(api, "vaktpost_hub_site_panels{site=\"alfa\"}").get(0).get("value").get(1).asText()).isEqualTo("2");
                JsonNode groups = get(api + "rules").get("data").get("groups");
                assertThat(groups.findValuesAsText("name")).contains("VaktpostHubDown", "VaktpostAlarmUnacknowledged",
                        "VaktpostBackupTooOld", "VaktpostPanelNtpUnsynchronised");
                assertThat(groups.findValuesAsText("health")).as("every rule evaluates").isNotEmpty().isSubsetOf("ok", "unknown");
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    private JsonNode query(String api, String promql) {
        try {
            return get(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("data").get("result");
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }

    private JsonNode get(String url) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
