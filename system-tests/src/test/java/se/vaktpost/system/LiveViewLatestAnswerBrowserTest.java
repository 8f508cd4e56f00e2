package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * The live view in real Chromium when the hub's answers come back out of order (a slow network,
 * a busy hub): an answer asked for before a change must never paint over the change on screen.
 * One answer is held in the page for a while, the change is made meanwhile, then it is let go;
 * or it never comes, and the page must give it up and go on.
 */
class LiveViewLatestAnswerBrowserTest {
    private static final long HOLD_MILLIS = 1_500;
    @TempDir
    Path dir;

    /**
     * Holds the page's next answer to a GET whose path matches {@code pathRegex}: the answer is
     * read when it comes, handed to the page {@link #HOLD_MILLIS} later. Marks when it was asked
     * for and when it was handed over (the page's own handling of it runs in that same step).
     */
    private static void holdNextAnswer(Browser browser, String pathRegex) {
        browser.driver().executeScript("""
                const hold = window.vaktpostHold = {pattern: new RegExp(arguments[0]), asked: false, handed: false};
                const holdMillis = arguments[1];
                const original = api;
                api = async (method, path, body, retried) => {
                  const mine = method === 'GET' && !hold.asked && hold.pattern.test(path);
                  if (mine) hold.asked = true;
                  const answer = await original(method, path, body, retried);
                  if (mine) { await new Promise(r => setTimeout(r, holdMillis)); hold.handed = true; }
                  return answer;
                };""", pathRegex, HOLD_MILLIS);
    }

    private static boolean held(Browser browser, String flag) {
        return Boolean.TRUE.equals(browser.driver().executeScript("return !!(window.vaktpostHold || {})[arguments[0]];", flag));
    }

    @Test
    void anAllClearIsNotUndoneOnScreenByAnAnswerAskedForDuringTheLockdown() {
        withAlfaLocked((hub, browser) -> {
            holdNextAnswer(browser, "^/api/sites$");
            browser.driver().executeScript("refresh();");
            Await.until(() -> held(browser, "asked"), Duration.ofSeconds(5), "the board asked for while locked");
            assertThat(hub.as("sakerhet").post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);

            Await.until(() -> held(browser, "handed") && browser.present("#app [data-site=alfa].site.normal"),
                    Duration.ofSeconds(10), "the all-clear on screen after the older answer was handed over");
            assertThat(browser.text("[data-site=alfa] .mode")).isEqualTo("Normalt läge");
        });
    }

    @Test
    void aTickedChecklistItemStaysTickedWhenAnAnswerAskedForBeforeTheTickComesLate() {
        withAlfaLocked((hub, browser) -> {
            Await.until(() -> browser.present("li.incident .checklist input[data-item='0']:not(:checked)"),
                    Duration.ofSeconds(5), "the lockdown's checklist shown");

            holdNextAnswer(browser, "/checklist$");
            browser.driver().executeScript("refresh();");
            Await.until(() -> held(browser, "asked"), Duration.ofSeconds(5), "the checklist asked for before the tick");
            browser.click("li.incident .checklist input[data-item='0']");
            Await.until(() -> browser.text("li.incident .checklist").contains("Ring 112 – sakerhet"),
                    Duration.ofSeconds(5), "the tick shown with who");

            Await.until(() -> held(browser, "handed"), Duration.ofSeconds(10), "the older answer handed over");
            assertThat(browser.text("li.incident .checklist")).as("still ticked, with who").contains("Ring 112 – sakerhet");
            assertThat(browser.present("li.incident .checklist input[data-item='0']:checked:disabled")).isTrue();
            assertThat(hub.count("SELECT count(*) FROM checklist_ticks WHERE item = 0")).isEqualTo(1);
        });
    }

    @Test
    void aBoardReadTheHubNeverAnswersIsGivenUpSoTheNextChangeStillShows() {
        withAlfaLocked((hub, browser) -> {
            // The next read of the board never answers, as on a phone that left its network mid-read;
            // the page's own time limit is shortened so the test need not wait ten seconds.
            browser.driver().executeScript("""
                    const stall = window.vaktpostStall = {asked: false, givenUp: false};
                    const original = window.fetch;
                    window.fetch = (path, options) => {
                      if (stall.asked || (options && options.method !== 'GET') || path !== '/api/sites') return original(path, options);
                      stall.asked = true;
                      return new Promise((_, reject) => options.signal?.addEventListener('abort', () => {
                        stall.givenUp = true; reject(options.signal.reason); }));
                    };
                    READ_TIMEOUT_MS = 2000;
                    refresh();""");
            Await.until(() -> Boolean.TRUE.equals(browser.driver().executeScript("return window.vaktpostStall.asked;")),
                    Duration.ofSeconds(5), "the read that never answers asked");
            assertThat(hub.as("sakerhet").post("/api/sites/alfa/all-clear", "{}").status()).isEqualTo(200);

            Await.until(() -> browser.present("#app [data-site=alfa].site.normal"), Duration.ofSeconds(10),
                    "the all-clear shown after the stalled read was given up");
            assertThat(browser.driver().executeScript("return window.vaktpostStall.givenUp;")).isEqualTo(true);
            assertThat(browser.present("#connection[hidden]")).as("no lost-connection banner once a read succeeds").isTrue();
        });
    }

    private interface Scenario {
        void run(HubProcess hub, Browser browser);
    }

    /** A hub, and its live view signed in as the security unit, showing alfa in lockdown. */
    private void withAlfaLocked(Scenario scenario) {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 2).withUser("sakerhet", Role.SECURITY, null).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            browser.signIn("sakerhet", HubProcess.PASSWORD);
            Await.until(() -> browser.present("#app [data-site=alfa]"), Duration.ofSeconds(10), "sites shown");
            assertThat(hub.as("sakerhet").post("/api/sites/alfa/lockdown", "{}").status()).isEqualTo(200);
            Await.until(() -> browser.present("#app [data-site=alfa].site.lockdown"), Duration.ofSeconds(5), "lockdown shown");
            scenario.run(hub, browser);
        }
    }
}
