package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The active campaigns page in a real Chromium (Russian): a campaign worked by an operator of its pool, its weight
 * typed while the blocks refresh live and saved, the campaign paused from the page after the confirmation, then
 * resumed by someone else — which the open page shows by itself, over its live connection.
 */
class ActiveCampaignsBrowserTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    Campaigns campaigns;

    private WebDriver browser;
    private final List<Long> started = new ArrayList<>();
    private Long operator;

    @BeforeEach
    void chromium() throws IOException {
        Chromium.requireInstalled();
        browser = Chromium.open("ru", 1100);
    }

    @AfterEach
    void closeStopAndLogOut() throws Exception {
        browser.quit();
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        for (long campaign : started) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        if (operator != null) {
            long id = operator;
            DialingFixture.await("operator free", Duration.ofSeconds(30), () -> {
                OperatorView o = operators.operator(id).orElseThrow();
                if (o.state() == OperatorState.WRAP_UP) {
                    operators.finishWrapUp(id, o.attemptId(), null, null);
                }
                return !operators.operator(id).orElseThrow().state().holdsCall();
            });
            operators.changeState(id, OperatorState.OFFLINE);
        }
    }

    @Test
    void aSupervisorPausesACampaignFromThePageAndSeesItResumedByAnotherWithoutReloading() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long campaign = fixture.startedCampaign(fixture.list(20),
                "\"dialing\": {\"mode\": \"PROGRESSIVE\", \"wrapUpSeconds\": 0}");
        started.add(campaign);
        String name = campaigns.find(campaign).orElseThrow().name();
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft("Ирина " + fixture.suffix, null,
                "PJSIP/irina" + fixture.suffix, null, Map.of()));
        operator = saved.id();
        assertThat(fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns",
                "{\"campaigns\": [%d]}".formatted(campaign)).statusCode()).isEqualTo(200);
        operators.changeState(operator, OperatorState.READY);

        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        press(browser.findElement(By.cssSelector("button[type=submit]")));
        waitFor(ExpectedConditions.urlContains("/campaigns"));
        browser.get(url("/monitoring/campaigns"));
        String block = "#campaign-" + campaign;
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(block), "Ирина " + fixture.suffix));
        assertThat(browser.findElement(By.cssSelector(block + " .dz-campaign-status")).getText()).isEqualTo("Запущена");
        assertThat(browser.findElement(By.cssSelector("#pool-" + operator + "-" + campaign)).isSelected()).isTrue();
        Chromium.screenshot(browser, "monitoring-active-campaigns");

        // a weight being typed survives the blocks' live refreshes, then is saved
        WebElement weight = browser.findElement(By.id("weight-" + campaign));
        weight.clear();
        weight.sendKeys("5");
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("document.querySelector(arguments[0]).dataset.seen = 'yes'", block);
        waitFor(driver -> script.executeScript("return document.querySelector(arguments[0]).dataset.seen", block) == null);
        assertThat(browser.findElement(By.id("weight-" + campaign)).getDomProperty("value")).isEqualTo("5");
        pressLive(By.cssSelector(block + " .dz-weight-form button"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Вес сохранён"));
        assertThat(campaigns.find(campaign).orElseThrow().settings().weight()).isEqualTo(5);

        pressLive(By.cssSelector(block + " form[action$='/pause'] button"));
        assertThat(waitFor(ExpectedConditions.alertIsPresent()).getText()).startsWith("Приостановить кампанию " + name);
        browser.switchTo().alert().accept();
        waitFor(ExpectedConditions.attributeToBe(By.cssSelector(block), "data-status", "PAUSED"));
        assertThat(browser.findElement(By.cssSelector(block + " .dz-campaign-status")).getText()).isEqualTo("Приостановлена");
        assertThat(campaigns.find(campaign).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        Chromium.screenshot(browser, "monitoring-active-campaigns-paused");

        // another supervisor resumes it; the open page follows over its live connection, nobody reloads it
        ((JavascriptExecutor) browser).executeScript("document.body.dataset.notReloaded = 'yes'");
        assertThat(fixture.send("POST", "/api/v1/campaigns/" + campaign + "/resume", null).statusCode()).isEqualTo(200);
        waitFor(ExpectedConditions.attributeToBe(By.cssSelector(block), "data-status", "RUNNING"));
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-not-reloaded")).isEqualTo("yes");
        assertThat(browser.findElement(By.cssSelector(block + " form[action$='/pause'] button")).isDisplayed()).isTrue();
    }

    private void press(WebElement element) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** The blocks are swapped whenever an operator's state changes: an element found a moment ago may be gone. */
    private void pressLive(By locator) {
        for (int attempt = 1; ; attempt++) {
            try {
                press(browser.findElement(locator));
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException swapped) {
                if (attempt == 10) {
                    throw swapped;
                }
            }
        }
    }

    private <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
