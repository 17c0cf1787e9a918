package org.dozvon.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.access.TestUsers;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.AttemptRecords;
import org.dozvon.dialing.CallAttemptEnded;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboards in a real Chromium: Chart.js draws every widget from its data, a widget is added and set up, and a
 * call that ends redraws the charts through the page's SSE connection. Screenshots in target/screenshots.
 */
class DashboardBrowserTests extends ApplicationTestBase {

    private static final String PASSWORD = "Dashboard-Browser-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;

    private WebDriver browser;
    private String user;
    private long campaign;
    private long contact;
    private AttemptRecords records;

    @BeforeEach
    void callsOfTodayAndABrowser() throws Exception {
        user = "dash-browser-" + UUID.randomUUID().toString().substring(0, 8);
        new TestUsers(context).ensure(user, PASSWORD, false, "SUPERVISOR");
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        contact = jdbc.sql("select id from contact where list_id = :l").param("l", listId).query(Long.class).single();
        var created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Browser dashboard %s\", \"lists\": [%d]}".formatted(fixture.suffix, listId));
        campaign = fixture.read(created.body()).get("id").asLong();
        records = new AttemptRecords(context);
        Instant now = Instant.now();
        OutcomeCategory[] outcomes = {OutcomeCategory.BUSY, OutcomeCategory.NO_ANSWER, OutcomeCategory.NO_ANSWER,
                OutcomeCategory.MACHINE, OutcomeCategory.REJECTED, OutcomeCategory.FAILED, OutcomeCategory.ABANDONED};
        for (int i = 0; i < outcomes.length; i++) {
            records.ended(campaign, contact, outcomes[i], now.minusSeconds(60L * i));
        }
        for (int i = 0; i < 6; i++) {
            records.talked(campaign, contact, 880_001 + i % 3, "Operator " + (i % 3 + 1), now.minusSeconds(90L * i),
                    Duration.ofSeconds(40 + 25L * i), Duration.ofSeconds(3 + i));
        }
        Chromium.requireInstalled();
        browser = Chromium.open("en", 1400);
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    @Test
    void aSupervisorSeesChartsDrawnAddsAWidgetAndWatchesThemRedrawAsCallsEnd() throws IOException {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/campaigns"));

        browser.get(url("/monitoring/dashboards"));
        waitFor(allDrawn(3));
        assertThat(browser.findElement(By.cssSelector(".nav-tabs .active")).getText()).isEqualTo("Dashboards");
        assertThat(script("return Chart.getChart(document.querySelector('[data-kind=CALLS_BY_HOUR] canvas')).data.datasets"
                + ".map(function (d) { return d.label; }).join('|')"))
                .isEqualTo("Answered|No answer|Busy|Rejected|Abandoned|Answering machine|Failed");

        new Select(browser.findElement(By.name("kind"))).selectByValue("OPERATOR_COMPARISON");
        browser.findElement(By.cssSelector("#add-widget button")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Widget added."));
        waitFor(allDrawn(4));
        String operators = "[data-kind=OPERATOR_COMPARISON]";
        browser.findElement(By.cssSelector(operators + " [data-bs-toggle=collapse]")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(operators + " select[name=campaignId]")));
        new Select(browser.findElement(By.cssSelector(operators + " select[name=campaignId]")))
                .selectByVisibleText("Browser dashboard " + campaignSuffix());
        browser.findElement(By.cssSelector(operators + " input[name=title]")).sendKeys("Our operators");
        browser.findElement(By.cssSelector(operators + " .collapse form button[type=submit]")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Widget saved."));
        waitFor(allDrawn(4));
        assertThat(browser.findElement(By.cssSelector(operators + " h2")).getText()).isEqualTo("Our operators");
        assertThat(script("return Chart.getChart(document.querySelector('" + operators + " canvas')).data.labels.join('|')"))
                .isEqualTo("Operator 1|Operator 2|Operator 3");
        script("window.scrollTo(0, 0)");
        Chromium.screenshot(browser, "dashboard");

        long busyBefore = busyDrawn();
        Instant now = Instant.now();
        long attempt = records.ended(campaign, contact, OutcomeCategory.BUSY, now);
        events.publishEvent(new CallAttemptEnded(attempt, campaign, OutcomeCategory.BUSY, now, "test"));
        waitFor(driver -> Long.parseLong(String.valueOf(script(
                "return document.getElementById('dashboard-widgets').getAttribute('data-ticks') || '0'"))) > 0);
        waitFor(driver -> busyDrawn() > busyBefore);

        browser.get(url("/monitoring/dashboards?lang=ru"));
        waitFor(allDrawn(4));
        assertThat(script("return Chart.getChart(document.querySelector('[data-kind=CALLS_BY_HOUR] canvas'))"
                + ".data.datasets[0].label")).isEqualTo("Ответ");
        Chromium.screenshot(browser, "dashboard-ru");
        browser.get(url("/monitoring/dashboards/list"));
        Chromium.screenshot(browser, "dashboards-list-ru");
    }

    /** Every widget drawn, each canvas holding a Chart.js chart. */
    private ExpectedCondition<Boolean> allDrawn(int widgets) {
        return driver -> driver.findElements(By.cssSelector(".dz-widget")).size() == widgets
                && driver.findElements(By.cssSelector(".dz-widget[data-drawn=true]")).size() == widgets
                && Boolean.TRUE.equals(script("return Array.prototype.every.call("
                + "document.querySelectorAll('.dz-widget canvas'), function (c) { return !!Chart.getChart(c); })"));
    }

    /** Busy calls the hourly chart shows now, summed over the hours. */
    private long busyDrawn() {
        return ((Number) script("return Chart.getChart(document.querySelector('[data-kind=CALLS_BY_HOUR] canvas'))"
                + ".data.datasets[2].data.reduce(function (a, b) { return a + b; }, 0)")).longValue();
    }

    private String campaignSuffix() {
        return jdbc.sql("select name from campaign where id = :id").param("id", campaign).query(String.class).single()
                .replace("Browser dashboard ", "");
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
