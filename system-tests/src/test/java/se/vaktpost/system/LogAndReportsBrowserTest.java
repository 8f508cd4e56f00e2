package se.vaktpost.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import se.vaktpost.hub.accounts.Role;
import se.vaktpost.system.fixture.Await;
import se.vaktpost.system.fixture.Browser;
import se.vaktpost.system.fixture.HubProcess;
import se.vaktpost.testkit.MosquittoBroker;

/** Issue #4 in real headless Chromium: the incident log, the reports and the action plan in the web view. */
class LogAndReportsBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String YEAR = String.valueOf(LocalDate.now(ZoneId.of("Europe/Stockholm")).getYear());
    @TempDir
    Path dir;

    private static void signIn(Browser browser, String url, String username) {
        browser.open(url);
        Await.until(() -> browser.present("#login:not([hidden])"), Duration.ofSeconds(10), "login form");
        browser.signIn(username, HubProcess.PASSWORD);
        Await.until(() -> browser.present("#log:not([hidden])"), Duration.ofSeconds(10), "the log is shown");
    }

    /** Fetches a link of the page with the page's own session; returns status and content type. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(Browser browser, String css) {
        return (Map<String, Object>) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector(arguments[0]).href).then(r => r.text().then(b => done("
                + "{status: r.status, type: r.headers.get('content-type'), size: b.length})));", css);
    }

    @Test
    void administrationRegistersAnIncidentFillsInThePlanAndOpensTheYearlyReport() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("reception", Role.RECEPTION, "alfa").start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            signIn(browser, hub.baseUrl() + "/", HubProcess.ADMIN);
            Await.until(() -> browser.all("#register select[name=category] option").size() == 10, Duration.ofSeconds(5),
                    "the ten categories staff register by hand");
            browser.driver().executeScript("const f = document.querySelector('#register');"
                    + "f.site.value = 'alfa'; f.category.value = 'DEGRADING_TREATMENT'; f.step.value = '2';"
                    + "f.description.value = 'Knuff i korridoren <b>x</b>'; f.themes.value = 'Konflikt X, Rast';"
                    + "f.requestSubmit();");
            Await.until(() -> browser.text("#log-table tbody").contains("Kränkande behandling"), Duration.ofSeconds(5),
                    "the new incident is listed");
            assertThat(browser.text("#log-table tbody")).contains("Alfaskolan").contains("Anmäld").contains("Konflikt X, Rast");
            assertThat(browser.text("#log-csv")).isEqualTo("Exportera CSV");
            assertThat(fetch(browser, "#log-csv")).containsEntry("status", 200L);

            browser.driver().executeScript("const r = document.querySelector('#report-form');"
                    + "r.year.value = arguments[0]; r.year.dispatchEvent(new Event('change', {bubbles: true}));"
                    + "const f = document.querySelector('#plan-add');"
                    + "f.focusArea.value = 'Kunskapshöjande insatser'; f.activity.value = 'Utbildning för all personal';"
                    + "f.goal.value = 'Tryggare skolmiljö'; f.requestSubmit();", YEAR);
            Await.until(() -> browser.text("#plan-table tbody").contains("Kunskapshöjande insatser"), Duration.ofSeconds(5),
                    "the plan row is listed");
            browser.driver().executeScript("document.querySelector('#plan-table input[name=followUp]').value = 'Genomförd';");
            browser.click("#plan-table button[data-action=save-plan]");
            Await.until(() -> browser.text("#plan-msg").equals("Sparat."), Duration.ofSeconds(5), "saved");
            browser.screenshot(SCREENSHOTS.resolve("log-and-reports.png"));

            assertThat(fetch(browser, "#report-pdf")).containsEntry("status", 200L).containsEntry("type", "application/pdf");
            assertThat(fetch(browser, "#report-csv")).containsEntry("type", "application/zip");
            String html = browser.driver().findElement(By.id("report-html")).getAttribute("href");
            assertThat(html).contains("/api/reports/yearly?year=" + YEAR).contains("format=html");
            browser.open(html);
            Await.until(() -> browser.present("h2"), Duration.ofSeconds(10), "the report page");
            assertThat(browser.text("body")).contains("1. Kartläggning").contains("Kunskapshöjande insatser")
                    .contains("Genomförd").doesNotContain("Knuff i korridoren");
            assertThat(browser.text("#incidents-by-category")).contains("Kränkande behandling\t1\t0\t+1");
            assertThat(browser.all("svg.chart")).hasSize(2);
            browser.screenshot(SCREENSHOTS.resolve("yearly-report.png"));
        }
    }

    @Test
    void receptionSeesItsOwnSchoolsLogAndReportButCannotEditThePlan() {
        try (MosquittoBroker broker = MosquittoBroker.start();
             HubProcess hub = new HubProcess(dir, broker, 1).withUser("reception", Role.RECEPTION, "alfa").start();
             Browser browser = new Browser(dir.resolve("chromium"))) {
            signIn(browser, hub.baseUrl() + "/", "reception");
            Await.until(() -> !browser.all("#report-form select[name=site] option").isEmpty(), Duration.ofSeconds(5),
                    "sites to choose from");
            assertThat(browser.all("#report-form select[name=site] option")).as("own school only, no 'all'").hasSize(1);
            assertThat(browser.present("#plan-add:not([hidden])")).isFalse();
            assertThat(fetch(browser, "#report-pdf")).containsEntry("status", 200L);
        }
    }
}
