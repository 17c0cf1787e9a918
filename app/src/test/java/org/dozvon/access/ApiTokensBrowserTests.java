package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator in Chromium, in Russian: Settings → API tokens → a new token, copied from the box that shows it
 * once, then revoked after the confirmation; screenshots land in target/screenshots.
 */
class ApiTokensBrowserTests extends ApplicationTestBase {

    @BeforeAll
    static void chromiumIsInstalled() throws IOException {
        Chromium.requireInstalled();
    }

    @Test
    void administratorCreatesATokenSeesItOnceAndRevokesIt() throws IOException {
        String name = "crm-" + UUID.randomUUID().toString().substring(0, 8);
        WebDriver browser = Chromium.open("ru", 900);
        try {
            browser.get(url("/login"));
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waitFor(browser, ExpectedConditions.urlContains("/campaigns"));

            browser.get(url("/settings"));
            browser.findElement(By.cssSelector("main a[href=\"/settings/api-tokens\"]")).click();
            waitFor(browser, ExpectedConditions.textToBe(By.cssSelector("main h1"), "API-токены"));
            browser.findElement(By.linkText("Новый API-токен")).click();
            waitFor(browser, ExpectedConditions.presenceOfElementLocated(By.id("name"))).sendKeys(name);
            browser.findElement(By.id("permission-CONTACTS_VIEW")).click();
            browser.findElement(By.id("permission-CONTACTS_MANAGE")).click();
            browser.findElement(By.id("requestsPerMinute")).sendKeys("600");
            screenshot(browser, "api-token-new-ru");
            click(browser, browser.findElement(By.xpath("//button[text()='Создать токен']")));

            WebElement shown = waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("created-token")));
            assertThat(shown.getText()).matches("dzv_[a-z2-7]{16}_[a-z2-7]{52}");
            assertThat(browser.findElement(By.cssSelector(".alert-warning")).getText())
                    .contains("больше его не покажет");
            screenshot(browser, "api-tokens-created-ru");

            browser.navigate().refresh();
            assertThat(browser.findElements(By.id("created-token"))).as("shown once").isEmpty();
            WebElement row = browser.findElement(By.xpath("//tr[.//div[text()='" + name + "']]"));
            click(browser, row.findElement(By.xpath(".//button[text()='Отозвать']")));
            Alert confirmation = waitFor(browser, ExpectedConditions.alertIsPresent());
            assertThat(confirmation.getText()).contains("Отозвать токен " + name);
            confirmation.accept();
            waitFor(browser, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"),
                    "Токен отозван"));
            assertThat(browser.findElement(By.xpath("//tr[.//div[text()='" + name + "']]")).getText()).contains("отозван");
            screenshot(browser, "api-tokens-ru");
        } finally {
            browser.quit();
        }
    }

    private static void click(WebDriver browser, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private static <T> T waitFor(WebDriver browser, ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
