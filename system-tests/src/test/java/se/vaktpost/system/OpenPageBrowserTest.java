package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #10, part 3: a page left open works for a whole shift, and a failed action is never silent.
 * The hub's wall clock is moved 40 minutes on (libfaketime) while the page stays open.
 */
class OpenPageBrowserTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    @TempDir
    Path dir;

    @Test
    void anAllClearFromAPageOpenFortyMinutesSucceedsAStaleTokenIsRenewedAndAFailureIsShown() throws Exception {
        Path clock = dir.resolve("hub-clock");
        Files.writeString(clock, "+0");
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("sakerhet", Role.SECURITY, null).withClockFile(clock).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), SOON, "login form");
            browser.signIn("sakerhet", HubProcess.PASSWORD);
            Await.until(() -> browser.present("[data-site=alfa]"), SOON, "sites shown");

            Files.writeString(clock, "+40m");
            Instant later = Instant.now().plus(Duration.ofMinutes(35));
            Await.until(() -> {
                hub.as(HubProcess.ADMIN); // a sign-in, audited in the hub's time
                return hub.count("SELECT count(*) FROM audit_log WHERE action = 'LOGIN' AND at > '" + later + "'") > 0;
            }, SOON, "the hub's clock 40 minutes on");
            assertThat(hub.as(HubProcess.ADMIN).post("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(200);
            Await.until(() -> browser.present("[data-site=alfa] button[data-action=all-clear]"), SOON, "the lockdown in the page");

            browser.click("[data-site=alfa] button[data-action=all-clear]");
            browser.acceptDialog();
            Await.until(() -> "NORMAL".equals(hub.get("/api/sites/alfa").get("mode").asText()), SOON,
                    "the all-clear from the page opened 40 minutes before succeeds");
            assertThat(browser.present("#failure:not([hidden])")).isFalse();

            // a token the hub no longer takes: the page fetches a fresh one and tries once more
            assertThat(hub.as(HubProcess.ADMIN).post("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(200);
            Await.until(() -> browser.present("li.incident.open button[data-action=acknowledge]"), SOON, "the new alarm");
            browser.driver().executeScript("document.cookie = 'XSRF-TOKEN=stale; path=/';");
            browser.click("li.incident.open button[data-action=acknowledge]");
            Await.until(() -> hub.count("SELECT count(*) FROM incidents WHERE acknowledged_by = 'sakerhet'") == 1, SOON,
                    "acknowledged after renewing the token");

            hub.kill();
            browser.click("[data-site=alfa] button[data-action=all-clear]");
            browser.acceptDialog();
            Await.until(() -> browser.present("#failure:not([hidden])"), SOON, "the failed all-clear shown");
            assertThat(browser.text("#failure")).startsWith("Åtgärden misslyckades");
        }
    }
}
