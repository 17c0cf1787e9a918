package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.Operators;
import org.dozvon.dialing.DialingFixture;
import org.dozvon.dialing.SwitchableSimulator;
import org.dozvon.telephony.TelephonyProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monitor in a real Chromium, against a Dozvon of its own dialling an AMI simulator over TCP: two operators work
 * a campaign while the supervisor watches the numbers move without reloading, pauses the campaign from the monitor,
 * forces an operator's state, sees the auto-stop of a campaign whose calls all fail (the simulator set to fail) and
 * acknowledges it. Every operator state change the page shows is timed from the change (its {@code state_since}) to
 * the moment the page shows it: the event-to-screen delay, printed as {@code monitor event_to_screen_ms}.
 */
class MonitorBrowserTests {

    /** Customers answer at once and talk for three seconds. */
    static final TelephonyProperties.Simulator TALKING = SwitchableSimulator.behaviour(1, 0, Duration.ofSeconds(3));
    /** Every call meets congestion. */
    static final TelephonyProperties.Simulator FAILING = SwitchableSimulator.behaviour(0, 1, Duration.ofSeconds(3));

    /** Records, for every operator row state the page shows for the first time, how long after the change it came. */
    private static final String OBSERVER = """
            window.dzDelays = []; window.dzSeen = {};
            function dzScan(record) {
              document.querySelectorAll('#monitor-operators tr[data-operator]').forEach(function (tr) {
                var since = parseInt(tr.querySelector('[data-since]').getAttribute('data-since'), 10);
                var key = tr.getAttribute('data-operator') + ':' + tr.getAttribute('data-state') + ':' + since;
                if (!(key in window.dzSeen)) { window.dzSeen[key] = 1; if (record) { window.dzDelays.push(Date.now() - since); } }
              });
            }
            dzScan(false);
            new MutationObserver(function () { dzScan(true); }).observe(document.querySelector('main'), {childList: true, subtree: true});
            """;

    static SwitchableSimulator pbx;
    static ConfigurableApplicationContext app;
    static WebDriver browser;

    @BeforeAll
    static void aDozvonOfItsOwnAndABrowser() throws Exception {
        Chromium.requireInstalled();
        pbx = new SwitchableSimulator(TALKING);
        String[] settings = pbx.dozvonSettings();
        app = TestApplications.start(TestDataDirectories.fresh("monitor-browser"),
                "DOZVON_ADMIN_PASSWORD=" + ApplicationTestBase.ADMIN_PASSWORD,
                settings[0], settings[1], settings[2], settings[3],
                "dozvon.dialing.node=monitor-node", "dozvon.dialing.tick=200ms", "dozvon.dialing.reconcile-interval=500ms");
        browser = Chromium.open("en", 1100);
    }

    @AfterAll
    static void closeAll() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void aSupervisorWatchesTwoOperatorsWorkACampaignLiveAndPausesItForcesAStateAndAcknowledgesAnAutoStop() throws Exception {
        int port = TestApplications.port(app);
        DialingFixture fixture = new DialingFixture(port, ApplicationTestBase.ADMIN_PASSWORD, app.getBean(JdbcClient.class));
        Operators operators = app.getBean(Operators.class);
        long anna = operators.save(null, new Operators.OperatorDraft("Anna " + fixture.suffix, null,
                "PJSIP/mba" + fixture.suffix, 1, Map.of())).id();
        long boris = operators.save(null, new Operators.OperatorDraft("Boris " + fixture.suffix, null,
                "PJSIP/mbb" + fixture.suffix, 1, Map.of())).id();
        operators.changeState(anna, OperatorState.READY);
        operators.changeState(boris, OperatorState.READY);

        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ApplicationTestBase.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        browser.get("http://localhost:" + port + "/monitoring");
        waitFor(driver -> driver.findElements(By.cssSelector("tr[data-operator='" + anna + "']")).size() == 1);
        ((JavascriptExecutor) browser).executeScript(OBSERVER);

        // whether an operator's phone is registered comes from the PBX and shows live
        String annaPhone = "tr[data-operator='" + anna + "'] [data-phone]";
        pbx.current().register("PJSIP/mba" + fixture.suffix);
        waitFor(driver -> "NOT_INUSE".equals(driver.findElement(By.cssSelector(annaPhone)).getAttribute("data-phone")));
        pbx.current().unregister("PJSIP/mba" + fixture.suffix);
        waitFor(driver -> "UNAVAILABLE".equals(driver.findElement(By.cssSelector(annaPhone)).getAttribute("data-phone")));
        String badge = waitFor(driver -> driver.findElement(By.cssSelector(annaPhone)).getText());
        assertThat(badge).isEqualTo("not registered");
        Chromium.screenshot(browser, "monitor-phone-unregistered");
        pbx.current().register("PJSIP/mba" + fixture.suffix);

        long campaign = fixture.startedCampaign(fixture.list(60),
                "\"dialing\": {\"mode\": \"PROGRESSIVE\", \"detectMachine\": false, \"wrapUpSeconds\": 1}");
        String row = "tr[data-campaign='" + campaign + "']";
        waitFor(driver -> driver.findElements(By.cssSelector(row)).size() == 1);
        waitFor(driver -> todayCalls(row) >= 2);
        long seen = todayCalls(row);
        waitFor(driver -> todayCalls(row) > seen);
        String answered = waitFor(driver -> driver.findElement(By.cssSelector(row + " [data-outcome='ANSWERED']")).getText());
        assertThat(answered).startsWith("Answered");
        Chromium.screenshot(browser, "monitor-live");

        // pause from the monitor: the campaign's panel, its confirmation, the row follows
        clickLive(row);
        press(waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#campaign-panel [data-action='pause']"))));
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-panel"), "is paused"));
        waitFor(driver -> "PAUSED".equals(driver.findElement(By.cssSelector(row)).getAttribute("data-status")));
        Chromium.screenshot(browser, "monitor-paused");

        // force Anna's state: her panel, Not ready, her row follows once her call (if any) is over
        String annaRow = "tr[data-operator='" + anna + "']";
        clickLive(annaRow);
        press(waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#operator-panel [data-action='NOT_READY']"))));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("operator-panel"), "Not ready"));
        waitFor(driver -> "NOT_READY".equals(driver.findElement(By.cssSelector(annaRow)).getAttribute("data-state")));
        Chromium.screenshot(browser, "monitor-operator-forced");

        // the PBX starts failing every call; resumed, the campaign is stopped by the guard and the alert shows
        pbx.become(FAILING, app);
        clickLive(row);
        press(waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("#campaign-panel [data-action='resume']"))));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-panel"), "runs again"));
        String autoStop = "#monitor-alerts li[data-alert]";
        WebElement alert = waitFor(driver -> driver.findElements(By.cssSelector(autoStop)).stream()
                .filter(item -> item.getText().contains("Auto-stop")).findFirst().orElse(null));
        waitFor(driver -> "PAUSED".equals(driver.findElement(By.cssSelector(row)).getAttribute("data-status")));
        waitFor(driver -> "PAUSED".equals(driver.findElement(By.id("campaign-panel")).getAttribute("data-status")));
        assertThat(browser.findElements(By.cssSelector("#campaign-panel [data-action='resume']")))
                .as("the open panel followed the auto-stop by itself").hasSize(1);
        String alertId = alert.getAttribute("data-alert");
        Chromium.screenshot(browser, "monitor-auto-stop");
        // the acknowledgement reloads the page: the delays measured so far are read first
        @SuppressWarnings("unchecked")
        List<Long> delays = new ArrayList<>((List<Long>) ((JavascriptExecutor) browser).executeScript("return window.dzDelays;"));
        assertThat(delays).as("operator state changes the page showed live").isNotEmpty();
        delays.sort(Long::compare);
        System.out.printf("monitor event_to_screen_ms samples=%d p50=%d p90=%d max=%d%n", delays.size(),
                delays.get(delays.size() / 2), delays.get(delays.size() * 9 / 10), delays.get(delays.size() - 1));
        press(browser.findElement(By.cssSelector("#monitor-alerts li[data-alert='" + alertId + "'] button[type=submit]")));
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(driver -> driver.findElements(By.cssSelector("#monitor-alerts li[data-alert='" + alertId + "']")).isEmpty());

        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    private static long todayCalls(String row) {
        List<WebElement> today = browser.findElements(By.cssSelector(row + " [data-figure='today']"));
        return today.isEmpty() ? 0 : Long.parseLong(today.get(0).getText().replaceAll("\\D", ""));
    }

    /** Clicks an element of a live block, again if the block was replaced under the click. */
    private static void clickLive(String css) {
        waitFor(driver -> {
            driver.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static void press(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static <T> T waitFor(ExpectedCondition<T> condition) {
        // the live blocks are replaced as they change: an element found a moment ago may be gone, so look again
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }
}
