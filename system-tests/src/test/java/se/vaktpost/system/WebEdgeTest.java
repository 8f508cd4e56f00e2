package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #10, part 4: a stranger's requests leave nothing behind: no session rows, no uploaded files. */
class WebEdgeTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandAnonymousRequestsLeaveNoSessionAndAMultipartPostNoFile() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).start()) {
            HttpClient http = HttpClient.newHttpClient();
            List<String> paths = List.of("/", "/api/session", "/api/sites", "/health", "/api/incidents");
            Semaphore inFlight = new Semaphore(32);
            List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                inFlight.acquire();
                all.add(http.sendAsync(HttpRequest.newBuilder(URI.create(hub.baseUrl() + paths.get(i % paths.size()))).build(),
                        HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            assertThat(all).allMatch(f -> f.join().statusCode() == 200 || f.join().statusCode() == 401);
            assertThat(hub.count("SELECT count(*) FROM http_sessions")).as("no session for anyone who did not sign in").isZero();

            // a signed-in browser does get its session
            hub.as(HubProcess.ADMIN);
            assertThat(hub.count("SELECT count(*) FROM http_sessions")).isEqualTo(1);

            String boundary = "vaktpost-test-boundary";
            String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evil.sh\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(4000) + "\r\n--" + boundary + "--\r\n";
            for (String path : List.of("/api/login", "/api/sites/alfa/lockdown", "/api/incidents")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                        .header("content-type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isBetween(400, 499);
            }
            // the hub runs in this module's directory (Vert.x would write uploads to ./file-uploads)
            Path uploads = Path.of("file-uploads");
            assertThat(!Files.exists(uploads) || Files.list(uploads).findAny().isEmpty()).as("no file written").isTrue();
        }
    }

    @Test
    void behindATrustedProxyTheAuditSeesTheRealClientAndAStrangersHeaderIsIgnored() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess behindProxy = new HubProcess(Files.createDirectories(dir.resolve("a")), broker, 1).withArgs("--trusted-proxy", "127.0.0.1/32").start();
             HubProcess direct = new HubProcess(Files.createDirectories(dir.resolve("b")), broker, 1).start()) {
            failedSignIn(behindProxy, "203.0.113.9, 198.51.100.23");
            assertThat(behindProxy.count("SELECT count(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND remote = '198.51.100.23'"))
                    .as("the proxy's X-Forwarded-For: its last hop before the proxy").isEqualTo(1);
            failedSignIn(direct, "198.51.100.23");
            assertThat(direct.count("SELECT count(*) FROM audit_log WHERE action = 'LOGIN_FAILED' AND remote = '127.0.0.1'"))
                    .as("not a trusted proxy: its header is ignored").isEqualTo(1);
        }
    }

    /** As a browser behind the proxy would: its cookies come through the proxy (which speaks HTTPS to the browser). */
    private static void failedSignIn(HubProcess hub, String forwardedFor) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Void> session = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/session"))
                .header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", "https").build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = session.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/login"))
                .header("content-type", "application/json").header("X-XSRF-TOKEN", csrf).header("Cookie", "XSRF-TOKEN=" + csrf)
                .header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"wrong\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    }
}
