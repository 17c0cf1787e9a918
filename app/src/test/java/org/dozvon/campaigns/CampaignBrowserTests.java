package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.dozvon.Chromium;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaign form in a real Chromium: tabs, the htmx filter builder, the preview, a date exception,
 * saving, then starting and stopping (with its confirmation) from the campaign's page.
 */
class CampaignBrowserTests extends ApplicationTestBase {


    @Autowired
    Campaigns campaigns;

    private WebDriver browser;
    private CampaignFixture fixture;

    @BeforeEach
    void aListAndABrowser() throws Exception {
        fixture = new CampaignFixture(portal());
        fixture.listWith("Казань", "100", "Москва", "200", "Казань", "300", "Уфа", "50");
        Chromium.requireInstalled();
        browser = Chromium.open("en", 1000);
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    @Test
    void aSupervisorBuildsAFilteredCampaignStartsItAndStopsIt() throws IOException {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        press(browser.findElement(By.cssSelector("button[type=submit]")));
        waitFor(ExpectedConditions.urlContains("/campaigns"));
        browser.get(url("/campaigns/new"));

        browser.findElement(By.id("name")).sendKeys("Browser " + fixture.suffix);
        new Select(browser.findElement(By.id("strategyKey"))).selectByValue("standard");
        screenshot("campaign-form-general");

        press(browser.findElement(By.id("tab-selection")));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("pane-selection")));
        WebElement list = browser.findElement(By.xpath("//label[text()='Campaign list " + fixture.suffix + "']"));
        press(browser.findElement(By.id(list.getAttribute("for"))));
        click("#filter-builder [data-group='0'] > .d-flex:last-child button:first-child");
        waitFor(driver -> driver.findElements(By.name("conditionField")).size() == 1);
        condition(0, "City " + fixture.suffix + " (Text)", "=", "Казань");
        click("#filter-builder [data-group='0'] > .d-flex:last-child button:last-child");
        waitFor(driver -> driver.findElements(By.cssSelector("[data-group='0.1']")).size() == 1);
        assertThat(browser.findElements(By.name("conditionValue")).get(0).getAttribute("value"))
                .as("what was typed survives the builder's round trip").isEqualTo("Казань");
        condition(1, "Amount " + fixture.suffix + " (Number)", ">", "150");
        new Select(browser.findElement(By.id("logic-0.1"))).selectByValue("OR");
        click("#filter-builder [data-group='0.1'] > .d-flex:last-child button:first-child");
        waitFor(driver -> driver.findElements(By.name("conditionField")).size() == 3);
        condition(2, "City " + fixture.suffix + " (Text)", "contains", "моск");
        press(browser.findElement(By.xpath("//button[text()='Preview: how many contacts match']")));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "Contacts matching now"));
        assertThat(browser.findElement(By.id("preview")).getText())
                .as("Казань and (amount > 150 or city contains моск)").isEqualTo("Contacts matching now: 1.");
        screenshot("campaign-form-selection");

        press(browser.findElement(By.id("tab-schedule")));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("pane-schedule")));
        press(browser.findElement(By.xpath("//button[text()='+ date']")));
        waitFor(driver -> driver.findElements(By.name("exceptionDate")).size() == 1);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementsByName('exceptionDate')[0].value = '2030-12-31'");
        browser.findElement(By.name("exceptionHours")).sendKeys("10:00-16:00");
        screenshot("campaign-form-schedule");
        press(browser.findElement(By.id("tab-limits")));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("maxAttemptsPerContact"))).sendKeys("7");
        screenshot("campaign-form-limits");

        press(browser.findElement(By.cssSelector("#campaign-form button[type=submit]")));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Campaign created."));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/campaigns/(\\d+)$", "$1"));
        CampaignSettings settings = campaigns.find(id).orElseThrow().settings();
        assertThat(settings.exceptions()).containsOnlyKeys(java.time.LocalDate.of(2030, 12, 31));
        assertThat(settings.maxAttemptsPerContact()).isEqualTo(7);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Contacts matching now: 1."));
        screenshot("campaign-page");

        press(browser.findElement(By.xpath("//button[text()='Start']")));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Campaign started."));
        press(browser.findElement(By.xpath("//button[text()='Stop']")));
        assertThat(waitFor(ExpectedConditions.alertIsPresent()).getText()).startsWith("Stop the campaign Browser");
        browser.switchTo().alert().accept();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Campaign stopped."));
        assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.STOPPED);
        browser.get(url("/campaigns"));
        screenshot("campaigns-list");
    }

    private void condition(int index, String field, String operator, String value) {
        List<WebElement> fields = browser.findElements(By.name("conditionField"));
        new Select(fields.get(index)).selectByVisibleText(field);
        new Select(browser.findElements(By.name("conditionOperator")).get(index)).selectByVisibleText(operator);
        browser.findElements(By.name("conditionValue")).get(index).sendKeys(value);
    }

    private void click(String css) {
        press(browser.findElement(By.cssSelector(css)));
    }

    /** Scrolls the element to the middle of the window first (at once: Bootstrap makes scrolling smooth). */
    private void press(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
