package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #3: sessions outlive a hub restart; with TLS on, the hub serves HTTPS and its cookies are Secure. */
class SessionAndTlsTest {
    static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aSignedInUserStaysSignedInAcrossAHubCrash(@TempDir Path dir) {
        try (HubProcess hub = new HubProcess(dir, broker, 1).withUser("sakerhet", Role.SECURITY, null).start()) {
            ApiClient security = hub.as("sakerhet");
            String sessionId = security.cookie("vaktpost.session").getValue();
            PanelRig.sleep(300); // the session is written just after each reply; a crash within that instant loses only it
            hub.kill();
            hub.start();
            assertThat(security.get("/api/session").body().get("user").get("username").asText()).isEqualTo("sakerhet");
            assertThat(security.post("/api/sites/alfa/lockdown", "{\"drill\":true}").status())
                    .as("the CSRF token from before the crash still verifies").isEqualTo(200);
            assertThat(hub.count("SELECT count(*) FROM http_sessions WHERE id_hash = '" + sessionId + "'"))
                    .as("the session id itself is never stored").isZero();
            assertThat(security.post("/api/logout", "{}").status()).isEqualTo(200);
            assertThat(security.get("/api/sites").status()).isEqualTo(401);
            assertThat(security.post("/api/sites/alfa/all-clear", "{}").status()).isIn(401, 403);
        }
    }

    @Test
    void withTlsTheHubServesHttpsAndItsCookiesAreSecure(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("hub.p12");
        String password = "test-keystore-pw";
        keytool("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        try (HubProcess hub = new HubProcess(dir, broker, 1).withTls(keystore, password, trusting(keystore, password))
                .start()) {
            assertThat(hub.baseUrl()).startsWith("https://");
            assertThat(hub.process().lines()).noneMatch(l -> l.contains(password));
            ApiClient client = hub.anonymous();
            client.get("/api/session");
            assertThat(client.lastSetCookies()).anyMatch(c -> c.startsWith("XSRF-TOKEN=") && c.contains("Secure"));
            assertThat(client.tryLogin(HubProcess.ADMIN, HubProcess.PASSWORD).status()).isEqualTo(200);
            assertThat(client.lastSetCookies()).anyMatch(c -> c.startsWith("vaktpost.session=") && c.contains("Secure")
                    && c.toLowerCase(java.util.Locale.ROOT).contains("httponly") && c.contains("SameSite=Strict"));
            assertThat(client.get("/api/sites").status()).isEqualTo(200);
            assertThat(client.lastHeaders().firstValue("strict-transport-security")).contains("max-age=31536000");
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool: " + out).isZero();
    }

    /** A client context that trusts exactly the hub's self-signed certificate. */
    private static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        Certificate cert = ks.getCertificate("hub");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("hub", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
