package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Authenticator;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/**
 * Issue #10, test 6 in real headless Chromium: no live view for a security user without the second
 * factor; a password change ends the open page's session.
 */
class TwoFactorBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @TempDir
    Path dir;

    private static void type(Browser browser, String form, String field, String text) {
        WebElement input = browser.driver().findElement(By.id(form)).findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    private static void signIn(Browser browser) {
        browser.signIn("vakt", HubProcess.PASSWORD);
    }

    /** The status of a request the page itself makes, with its cookies. */
    private static long pageFetch(Browser browser, String path) {
        Object status = browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));", path);
        return ((Number) status).longValue();
    }

    /** Enrols from the page the hub led to: a wrong code first, then the app's; returns the app. */
    private static Authenticator enrol(Browser browser) {
        Authenticator app = new Authenticator(browser.text("#enrol-secret"));
        type(browser, "enrol", "code", "000000");
        browser.click("#enrol button[type=submit]");
        Await.until(() -> browser.text("#enrol-error").contains("stämmer inte"), Duration.ofSeconds(5),
                "a wrong code is told");
        type(browser, "enrol", "code", app.next());
        browser.click("#enrol button[type=submit]");
        Await.until(() -> browser.all("#recovery-codes li").size() == 10, Duration.ofSeconds(10),
                "ten recovery codes shown once");
        browser.click("#recovery-done");
        Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "the live view");
        return app;
    }

    @Test
    void aPasskeyAddedInThePageSignsInInsteadOfTheCode() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withDefaultSignInPolicy()
                     .withUser("vakt", Role.SECURITY, null).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            // WebAuthn needs a domain as the relying party id: localhost, not 127.0.0.1
            browser.open(hub.baseUrl().replace("127.0.0.1", "localhost") + "/");
            VirtualAuthenticator key = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(
                    new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                            .setHasUserVerification(true).setIsUserVerified(true));
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            signIn(browser);
            Await.until(() -> browser.present("#enrol:not([hidden])"), Duration.ofSeconds(10), "led to enrol");
            enrol(browser);

            browser.click("#passkey-add");
            Await.until(() -> hub.count("SELECT count(*) FROM passkeys WHERE username='vakt'") == 1,
                    Duration.ofSeconds(10), "the passkey registered");
            assertThat(key.getCredentials()).hasSize(1);
            Await.until(() -> browser.text("#passkey-add").contains("tillagd"), Duration.ofSeconds(5), "told so");
            assertThat(browser.present("#failure:not([hidden])")).isFalse();

            browser.click("#logout");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "signed out");
            signIn(browser);
            Await.until(() -> browser.present("#passkey-use:not([hidden])"), Duration.ofSeconds(10),
                    "offered the passkey");
            assertThat(pageFetch(browser, "/api/sites")).isEqualTo(401);
            browser.click("#passkey-use");
            Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "the live view");
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='LOGIN' "
                    + "AND detail='password and passkey'")).isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='PASSKEY_ADD'"))
                    .isEqualTo(1);
            assertThat(hub.count("SELECT count(*) FROM passkeys WHERE username='vakt' AND last_used_at IS NOT NULL"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aSecurityUserEnrolsWithTheQrCodeAndAfterwardsNeedsTheCodeToReachTheLiveView() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withDefaultSignInPolicy()
                     .withUser("vakt", Role.SECURITY, null).start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
            signIn(browser);
            Await.until(() -> browser.present("#enrol:not([hidden])"), Duration.ofSeconds(10), "led to enrol");
            Await.until(() -> Boolean.TRUE.equals(browser.driver().executeScript(
                    "const i = document.getElementById('enrol-qr'); return i.complete && i.naturalWidth > 0;")),
                    Duration.ofSeconds(10), "the QR code drawn");
            assertThat(browser.present("#app:not([hidden])")).as("nothing of the live view yet").isFalse();
            assertThat(pageFetch(browser, "/api/sites")).isEqualTo(401);
            assertThat(browser.text("#enrol h2")).isEqualTo("Aktivera tvåstegsverifiering");
            browser.screenshot(SCREENSHOTS.resolve("enrol-second-factor.png"));

            Authenticator app = enrol(browser);

            browser.click("#logout");
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "signed out");
            signIn(browser);
            Await.until(() -> browser.present("#second-factor:not([hidden])"), Duration.ofSeconds(10),
                    "asked for the code");
            assertThat(browser.present("#app:not([hidden])")).isFalse();
            assertThat(pageFetch(browser, "/api/sites")).as("the password alone reaches nothing").isEqualTo(401);
            browser.open(hub.baseUrl() + "/");
            Await.until(() -> browser.present("#second-factor:not([hidden])"), Duration.ofSeconds(10),
                    "a reload still asks for the code");
            type(browser, "second-factor", "code", app.next());
            browser.click("#second-factor button[type=submit]");
            Await.until(() -> browser.present("[data-site=alfa]"), Duration.ofSeconds(10), "the live view");
            assertThat(pageFetch(browser, "/api/sites")).isEqualTo(200);
            assertThat(hub.count("SELECT count(*) FROM audit_log WHERE actor='vakt' AND action='LOGIN' "
                    + "AND detail='password and authenticator code'")).isEqualTo(1);

            // a password change ends the open page's session: the hub's live stream says so within seconds
            se.vaktpost.system.fixture.ApiClient admin = hub.anonymous();
            admin.enrol(HubProcess.ADMIN, HubProcess.PASSWORD, new java.util.ArrayList<>());
            assertThat(admin.post("/api/users/vakt/password", "{\"password\":\"another-password-456\"}").status())
                    .isEqualTo(200);
            Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10),
                    "the page signed out by the hub");
            assertThat(pageFetch(browser, "/api/sites")).as("the old session").isEqualTo(401);
        }
    }
}
