package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hardware.Input;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #3 end to end in real headless Chromium: sign in, live alarm, acknowledge, drill, hub restart. */
class LiveViewBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @TempDir
    Path dir;

    @Test
    void securityOfficerSeesAPanelAlarmLiveAcknowledgesItRunsADrillAndSurvivesAHubRestart() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).withUser("sakerhet", Role.SECURITY, null).start();
             PanelRig panels = new PanelRig(dir, broker);
             Browser browser = new Browser(dir.resolve("chromium"))) {
            Panel a1 = panels.add("alfa", "a1");
            Await.until(a1::connected, Duration.ofSeconds(20), "panel connected");

            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            assertThat(browser.text("#login h2")).isEqualTo("Logga in");
            browser.signIn("sakerhet", HubProcess.PASSWORD);
            Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "sites shown");
            Await.until(() -> browser.text("[data-site=alfa] .panel").contains("online"), Duration.ofSeconds(10),
                    "panel shown online");

            assertThat(browser.text("[data-site=beta] h3")).as("a site name with markup is shown as text")
                    .isEqualTo("Betaskolan <i>Öst</i>");
            assertThat(browser.all("[data-site=beta] h3 i")).isEmpty();

            PanelRig.tap(a1, Input.ALARM_BUTTON);
            Duration shown = Await.until(() -> browser.present("li.incident.open"), Duration.ofSeconds(5),
                    "the alarm appears in the open page");
            assertThat(shown).as("alarm on screen within a second of the press").isLessThan(Duration.ofSeconds(1));
            assertThat(browser.present("#alert:not([hidden])")).as("unmistakable alert banner").isTrue();
            assertThat(browser.text("#alert")).contains("NYTT LARM").contains("Tyst larm");
            browser.screenshot(SCREENSHOTS.resolve("live-view-alarm.png"));

            browser.click("li.incident button[data-action=acknowledge]");
            Await.until(() -> browser.text("li.incident").contains("Kvitterad av sakerhet"), Duration.ofSeconds(5),
                    "acknowledged in the page");
            assertThat(hub.count("SELECT count(*) FROM incidents WHERE acknowledged_by='sakerhet'")).isEqualTo(1);

            String hostile = "<img src=x onerror=alert(1)>";
            browser.driver().executeScript("const i = document.querySelector('li.incident input[name=note]');"
                    + "i.value = arguments[0]; i.form.requestSubmit();", hostile);
            Await.until(() -> browser.text("li.incident .notes").contains(hostile), Duration.ofSeconds(5),
                    "note shown as text");
            assertThat(browser.all("li.incident .notes img")).as("markup in a note is never run").isEmpty();

            Await.until(() -> browser.present("[data-site=beta] button[data-action=drill]"), Duration.ofSeconds(5),
                    "drill button");
            browser.click("[data-site=beta] button[data-action=drill]");
            browser.acceptDialog();
            Await.until(() -> browser.present("[data-site=beta].site.drill"), Duration.ofSeconds(5), "drill shown");
            assertThat(browser.text("[data-site=beta] .mode")).isEqualTo("INRYMNINGSÖVNING");
            Await.until(() -> browser.present("li.incident .checklist input[data-item='0']"), Duration.ofSeconds(5),
                    "the lockdown checklist shown with the incident");
            browser.click("li.incident .checklist input[data-item='0']");
            Await.until(() -> browser.text("li.incident .checklist").contains("Ring 112 – sakerhet"),
                    Duration.ofSeconds(5), "the ticked item shows who and when");
            browser.screenshot(SCREENSHOTS.resolve("live-view-drill.png"));
            browser.click("[data-site=beta] button[data-action=all-clear]");
            browser.acceptDialog();
            Await.until(() -> browser.present("[data-site=beta].site.normal"), Duration.ofSeconds(5), "drill ended");

            hub.kill();
            Await.until(() -> browser.present("#connection:not([hidden])"), Duration.ofSeconds(10),
                    "the page says plainly that the live connection is lost");
            hub.start();
            // Sessions are kept in the hub's database: the page reconnects on its own, still signed in.
            Await.until(() -> browser.present("#connection[hidden]"), Duration.ofSeconds(20), "live again");
            assertThat(browser.present("#login[hidden]")).as("no new sign-in needed").isTrue();
            assertThat(hub.as("sakerhet").post("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(200);
            Await.until(() -> browser.present("#app [data-site=alfa].site.lockdown")
                    && browser.present("#app [data-site=beta].site.normal")
                    && browser.text("#incidents").contains("Kvitterad av sakerhet"), Duration.ofSeconds(5),
                    "true state after the restart, live");
            browser.screenshot(SCREENSHOTS.resolve("live-view.png"));
        }
    }
}
