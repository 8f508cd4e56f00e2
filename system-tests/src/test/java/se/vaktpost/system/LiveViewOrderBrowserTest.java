package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #9 in the security unit's live view: a panel with a wrong clock, and a drill a real lockdown interrupted. */
class LiveViewOrderBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @TempDir
    Path dir;

    @Test
    void theLiveViewShowsAPanelTwoHoursSlowAndTurnsADrillRealWhenARealLockdownInterruptsIt() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).withUser("sakerhet", Role.SECURITY, null).start();
             PanelRig panels = new PanelRig(dir, broker);
             Browser browser = new Browser(dir.resolve("chromium"))) {
            Panel slow = panels.add("alfa", "a1", Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
            Panel a2 = panels.add("alfa", "a2");
            Await.until(() -> slow.connected() && a2.connected(), Duration.ofSeconds(20), "panels connected");

            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            browser.signIn("sakerhet", HubProcess.PASSWORD);
            Await.until(() -> browser.present("[data-site=alfa] .panel.clock-skewed"), Duration.ofSeconds(15),
                    "the slow panel marked");
            assertThat(browser.text("[data-site=alfa] .panel.clock-skewed")).contains("klockan går fel −2 h 0 min");
            assertThat(browser.all("[data-site=alfa] .panel.clock-skewed")).hasSize(1);

            assertThat(hub.as("sakerhet").post("/api/sites/alfa/lockdown", "{\"drill\":true}").status()).isEqualTo(200);
            Await.until(() -> browser.present("[data-site=alfa].site.drill"), Duration.ofSeconds(5), "drill shown");
            PanelRig.holdLockdown(slow);
            Await.until(() -> browser.present("[data-site=alfa].site.lockdown"), Duration.ofSeconds(5),
                    "the page says real lockdown, not drill");
            assertThat(browser.text("[data-site=alfa] .mode")).isEqualTo("INRYMNING");
            Await.until(() -> browser.text("#incidents").contains("Övningen avbröts av ett skarpt larm"),
                    Duration.ofSeconds(5), "the interrupted drill marked in the feed");
            browser.screenshot(SCREENSHOTS.resolve("live-view-drill-interrupted.png"));
        }
    }
}
