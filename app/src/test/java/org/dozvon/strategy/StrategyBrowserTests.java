package org.dozvon.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.dozvon.Chromium;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An analyst in Chromium opens a strategy version and its decision table: bpmn-js and dmn-js (served from the
 * WebJars, no CDN) draw them. Screenshots land in target/screenshots.
 */
class StrategyBrowserTests extends ApplicationTestBase {


    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void chromiumIsInstalled() throws IOException {
        Chromium.requireInstalled();
    }

    @Test
    void analystSeesTheDiagramOfAVersionAndItsDecisionTable() throws IOException {
        new TestUsers(context).ensure(StrategyUploadTests.ANALYST, StrategyUploadTests.PASSWORD, false, "ANALYST");
        String key = StrategyFixtures.uniqueKey("browser");
        String decision = key + "_decision";
        assertThat(StrategyFixtures.upload(port, StrategyUploadTests.ANALYST, StrategyUploadTests.PASSWORD,
                Map.of(key + ".bpmn", StrategyFixtures.strategy(key, decision),
                        decision + ".dmn", StrategyFixtures.decision(decision))).statusCode()).isEqualTo(201);
        WebDriver browser = open();
        try {
            browser.get(url("/login"));
            browser.findElement(By.id("username")).sendKeys(StrategyUploadTests.ANALYST);
            browser.findElement(By.id("password")).sendKeys(StrategyUploadTests.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waitFor(browser, ExpectedConditions.urlContains("/strategies"));
            assertThat(browser.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Стратегии");
            screenshot(browser, "strategies-list-ru");

            browser.findElement(By.linkText(key)).click();
            waitFor(browser, ExpectedConditions.presenceOfElementLocated(By.id("versions")));
            browser.findElement(By.linkText("v1")).click();
            rendered(browser);

            assertThat(browser.findElements(By.cssSelector("#diagram svg .djs-element.djs-shape")))
                    .as("the start, the four tasks and events, the end").hasSizeGreaterThanOrEqualTo(6);
            assertThat(browser.findElements(By.cssSelector("#diagram svg .djs-connection"))).hasSize(5);
            assertThat((String) ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelector('#diagram .djs-container svg').textContent")).contains("Request a dial");
            assertThat(browser.findElement(By.id("download-xml")).getAttribute("href"))
                    .endsWith("/strategies/processes/" + key + "/versions/1/xml");
            screenshot(browser, "strategy-diagram-ru");

            browser.get(url("/strategies/decisions/" + decision + "/versions/1"));
            rendered(browser);
            assertThat(browser.findElements(By.cssSelector("#diagram .tjs-table tbody tr"))).as("the four rules").hasSize(4);
            assertThat(browser.findElement(By.cssSelector("#diagram")).getText()).contains("NEXT_PHONE");
            screenshot(browser, "strategy-decision-table-ru");
        } finally {
            browser.quit();
        }
    }

    private static WebDriver open() {
        return Chromium.open("ru", 900);
    }

    /** Waits until the viewer has drawn or given up, and says why when it gave up. */
    private static void rendered(WebDriver browser) {
        waitFor(browser, ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("diagram")), "data-rendered"));
        assertThat(browser.findElement(By.id("diagram")).getAttribute("data-rendered"))
                .as(browser.findElement(By.id("diagram")).getText()).isEqualTo("true");
    }

    private static <T> T waitFor(WebDriver browser, ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
