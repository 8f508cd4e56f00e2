package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import se.vaktpost.agent.panel.Panel;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.system.fixture.PanelRig;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #3 in real headless Chromium: what reception and admin see and may do. */
class RolesBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @TempDir
    Path dir;

    @Test
    void receptionSeesOnlyItsSchoolAndCanStartALockdownThatReachesThePanels() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).withUser("reception", Role.RECEPTION, "alfa").start();
             PanelRig panels = new PanelRig(dir, broker);
             Browser browser = new Browser(dir.resolve("chromium"))) {
            Panel a1 = panels.add("alfa", "a1");
            Await.until(a1::connected, Duration.ofSeconds(20), "panel connected");
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            browser.signIn("reception", HubProcess.PASSWORD);
            Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "own site shown");
            assertThat(browser.all("[data-site]")).as("only the own school").hasSize(1);
            assertThat(browser.present("[data-site=alfa] button[data-action=drill]")).isFalse();
            assertThat(browser.present("#admin:not([hidden])")).as("no user administration").isFalse();

            browser.click("[data-site=alfa] button[data-action=lockdown]");
            browser.acceptDialog();
            Await.until(() -> PanelRig.lockedDown(a1), Duration.ofSeconds(3), "the panel locks down");
            Await.until(() -> browser.present("[data-site=alfa].site.lockdown"), Duration.ofSeconds(5), "lockdown shown");
            assertThat(browser.present("[data-site=alfa] button[data-action=all-clear]")).as("all-clear is security's")
                    .isFalse();
            Await.until(() -> browser.present("li.incident.open"), Duration.ofSeconds(5), "incident listed");
            assertThat(browser.present("li.incident button[data-action=acknowledge]")).isFalse();
            browser.screenshot(SCREENSHOTS.resolve("reception-view.png"));
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='reception' AND action='LOCKDOWN'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void adminAddsAUserInThePageAndDisablesThem() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            browser.signIn(HubProcess.ADMIN, HubProcess.PASSWORD);
            Await.until(() -> browser.present("#admin:not([hidden]) li[data-user=admin]"), Duration.ofSeconds(10),
                    "user administration shown");
            assertThat(browser.text("#admin h2")).isEqualTo("Användare");
            Await.until(() -> !browser.all("#add-user select[name=site] option").isEmpty(), Duration.ofSeconds(5),
                    "sites to choose from");

            WebElement form = browser.driver().findElement(By.id("add-user"));
            form.findElement(By.name("username")).sendKeys("ny-reception");
            form.findElement(By.name("password")).sendKeys("ett-langt-losenord");
            browser.driver().executeScript("document.querySelector('#add-user select[name=site]').value = 'beta';"
                    + "document.querySelector('#add-user').requestSubmit();");
            Await.until(() -> browser.present("li[data-user=ny-reception]"), Duration.ofSeconds(5), "new user listed");
            assertThat(browser.text("#admin-msg")).isEqualTo("Användaren är tillagd.");
            assertThat(browser.text("li[data-user=ny-reception]")).contains("Reception").contains("beta").contains("aktiv");
            assertThat(hub.anonymous().tryLogin("ny-reception", "ett-langt-losenord").status()).isEqualTo(200);

            browser.click("li[data-user=ny-reception] button[data-action=disable]");
            Await.until(() -> browser.text("li[data-user=ny-reception]").contains("avstängd"), Duration.ofSeconds(5),
                    "shown as disabled");
            assertThat(hub.anonymous().tryLogin("ny-reception", "ett-langt-losenord").status()).isEqualTo(401);
            assertThat(browser.present("li[data-user=admin] button")).as("no button to lock oneself out").isFalse();
            browser.screenshot(SCREENSHOTS.resolve("admin-users.png"));
        }
    }
}
