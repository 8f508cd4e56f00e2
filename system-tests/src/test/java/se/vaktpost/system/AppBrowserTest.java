package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.ApiClient;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #11: the live view as an installable app in Chromium: the service worker is registered and
 * active, the manifest has what installing needs, and a notification's "Kvittera" link
 * (#incident=…&ack=1, what the service worker opens) acknowledges the alarm with the signed-in
 * session after asking.
 */
class AppBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theLiveViewIsAnInstallableAppAndANotificationsKvitteraAcknowledgesSignedIn() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("sakerhet", Role.SECURITY, null).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            browser.signIn("sakerhet", HubProcess.PASSWORD);
            Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "signed in");

            Object worker = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "navigator.serviceWorker.ready.then(r => done(r.active ? r.active.scriptURL : null));");
            assertThat(String.valueOf(worker)).endsWith("/sw.js");
            JsonNode manifest = new ObjectMapper().readTree(String.valueOf(browser.driver().executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.text()).then(done);")));
            assertThat(manifest.get("display").asText()).isEqualTo("standalone");
            assertThat(manifest.get("start_url").asText()).isEqualTo("/");
            assertThat(manifest.get("icons").findValuesAsText("sizes")).contains("192x192", "512x512");

            ApiClient admin = hub.as(HubProcess.ADMIN);
            String incident = admin.post("/api/sites/alfa/lockdown", "{}").body().get("incident").asText();
            browser.open(hub.baseUrl() + "/#incident=" + incident + "&ack=1");
            browser.acceptDialog();
            Await.until(() -> browser.text("#failure").contains("Larmet är kvitterat"), Duration.ofSeconds(10), "told so");
            JsonNode acked = null;
            for (JsonNode i : admin.get("/api/incidents").body()) {
                acked = i.get("id").asText().equals(incident) ? i : acked;
            }
            assertThat(acked).isNotNull();
            assertThat(acked.get("acknowledgedBy").asText()).isEqualTo("sakerhet");
        }
    }
}
