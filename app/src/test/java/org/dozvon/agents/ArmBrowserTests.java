package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator workplace in a real Chromium against the simulator: an operator logs in on a phone, goes Ready, a
 * call of a progressive campaign is answered and connected, the card appears without a reload, the operator sets a
 * code, a comment and a callback, and the strategy receives the outcome. Prints the answer → card latency.
 */
class ArmBrowserTests extends ApplicationTestBase {

    private static final String PASSWORD = "Operator-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;

    private WebDriver browser;
    private Long operatorId;
    private Long campaignId;

    @BeforeEach
    void aBrowser() throws IOException {
        Chromium.requireInstalled();
        browser = Chromium.open("ru", 1000);
    }

    @AfterEach
    void closeAndLogOut() throws Exception {
        browser.quit();
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        if (campaignId != null) {
            fixture.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
        if (operatorId != null) {
            operators.changeState(operatorId, OperatorState.OFFLINE);
        }
    }

    @Test
    void anOperatorTakesACallSeesTheCardLiveAndWrapsUpWithACodeAndACallback() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        String username = "arm-" + fixture.suffix;
        ArmFixture setup = new ArmFixture(fixture, operators, context);
        operatorId = setup.operatorOfNewUser(username, PASSWORD, "Оператор " + fixture.suffix);
        String code = "AGREED_" + fixture.suffix.toUpperCase();
        long group = setup.codeGroupOf(code, "Согласен");
        long dncList = fixture.read(fixture.send("POST", "/api/v1/dnc-lists",
                "{\"name\": \"Refused %s\"}".formatted(fixture.suffix)).body()).get("id").asLong();
        // AMD off and a long wrap-up: the person is connected at the answer, the form waits for the operator
        // eight contacts: the seeded simulator answers some of them whatever the order tests run in
        campaignId = fixture.startedCampaign(fixture.list(8), """
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 300}""".formatted(group));

        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/arm"), 10);
        browser.findElement(By.id("endpoint")).sendKeys("PJSIP/arm" + fixture.suffix);
        Chromium.screenshot(browser, "arm-login");
        browser.findElement(By.id("arm-login")).click();
        waitFor(ExpectedConditions.elementToBeClickable(By.id("arm-ready")), 10);
        // a supervisor's message arrives live and stays until read
        assertThat(fixture.send("POST", "/api/v1/operators/" + operatorId + "/messages",
                "{\"text\": \"Обед в 13:00\"}").statusCode()).isEqualTo(201);
        waitFor(driver -> driver.findElement(By.id("arm-panel")).getText().contains("Обед в 13:00"), 10);
        browser.findElement(By.cssSelector("[data-message] button")).click();
        waitFor(driver -> driver.findElements(By.cssSelector("[data-message]")).isEmpty(), 10);
        assertThat(operators.unreadMessages(operatorId)).isEmpty();
        browser.findElement(By.id("arm-ready")).click();

        // the simulator answers (busy, no answer… end the attempt and the strategy plans the next one): wait for
        // the first call that reached the operator
        try {
            waitFor(driver -> !driver.findElements(By.id("arm-wrap-up")).isEmpty(), 90);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no wrap-up form; operators " + jdbc.sql(
                    "select name, state, campaign_id, attempt_id from operator where state <> 'OFFLINE'").query().listOfRows()
                    + "; attempts " + fixture.attempts(campaignId) + "; panel state "
                    + browser.findElement(By.id("arm-panel")).getAttribute("data-state"), e);
        }
        Chromium.screenshot(browser, "arm-wrap-up");
        long attempt = Long.parseLong((String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('arm-card').getAttribute('data-attempt');"));
        Object shown = ((JavascriptExecutor) browser).executeScript("return window.dzCardShown[arguments[0]];",
                String.valueOf(attempt));
        Timestamp answered = jdbc.sql("select answered_at from call_attempt where dial_request_id = :id")
                .param("id", attempt).query(Timestamp.class).single();
        long latency = ((Number) shown).longValue() - answered.getTime();
        System.out.println("arm answer_to_card_ms=" + latency + " attempt=" + attempt);
        assertThat((String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('arm-card').innerText;")).contains("+7900");

        // a pause asked during the wrap-up takes effect after it: no further call comes in meanwhile
        browser.findElement(By.id("arm-pause")).click();
        waitFor(driver -> driver.findElement(By.id("arm-panel")).getText().contains("затем"), 10);
        new Select(browser.findElement(By.id("code"))).selectByValue(code);
        browser.findElement(By.id("comment")).sendKeys("Перезвонить вечером");
        new Select(browser.findElement(By.id("callback"))).selectByValue("60");
        new Select(browser.findElement(By.name("callbackType"))).selectByValue("PERSONAL");
        new Select(browser.findElement(By.id("doNotCallList"))).selectByValue(String.valueOf(dncList));
        browser.findElement(By.id("arm-finish")).click();
        waitFor(driver -> driver.findElement(By.id("arm-panel")).getAttribute("data-state").equals("NOT_READY"), 15);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("arm-today")), 10);
        // the personal callback is listed among the operator's own
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("arm-callbacks")), 10);
        Chromium.screenshot(browser, "arm-my-callbacks");
        Chromium.screenshot(browser, "arm-paused-after-wrap-up");

        DialingFixture.await("the outcome settled with the operator's code", Duration.ofSeconds(20), () ->
                jdbc.sql("select count(*) from dial_request where id = :id and state = 'SETTLED' and completion_code = :code")
                        .param("id", attempt).param("code", code).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select comment from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single()).isEqualTo("Перезвонить вечером");
        String number = jdbc.sql("select number from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single();
        assertThat(jdbc.sql("select count(*) from dnc_entry where list_id = :list and value = :number")
                .param("list", dncList).param("number", number).query(Long.class).single())
                .as("the number added to the DNC list chosen at wrap-up").isEqualTo(1);
        assertThat(jdbc.sql("select operator_id from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(Long.class).single()).isEqualTo(operatorId);
        assertThat(jdbc.sql("select type || ' ' || operator from callback where campaign_id = :c and phone = :number")
                .param("c", campaignId).param("number", number).query(String.class).single())
                .isEqualTo("PERSONAL " + username);
    }

    private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition, int seconds) {
        // the panel is swapped whenever the state changes: an element found a moment ago may be gone
        new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
