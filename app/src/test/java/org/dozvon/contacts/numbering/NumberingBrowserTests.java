package org.dozvon.contacts.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.dozvon.Chromium;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The numbering pages in a real Chromium: a plan file chosen in the file input and uploaded, the live
 * search, the "why this zone" page, a prefix deleted after the confirmation. Screenshots go to
 * target/screenshots.
 */
class NumberingBrowserTests extends ApplicationTestBase {


    @Autowired
    ApplicationContext context;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        new TestUsers(context).ensure("numbering-browser", "Browser-Pass-1", false, "SUPERVISOR");
        Chromium.requireInstalled();
        browser = Chromium.open("ru", 900);
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("numbering-browser");
        browser.findElement(By.id("password")).sendKeys("Browser-Pass-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/campaigns"));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void supervisorUploadsAPlanFileFindsARangeAndSeesWhyANumberGetsItsZone() throws IOException {
        Path file = Files.createTempFile("DEF-908", ".csv");
        Files.write(file, PlanFiles.standard()
                .range(908, 0, 99999, "ПАО \"Вымпел-Коммуникации\"", "Красноярский край", "7713076301")
                .range(908, 100000, 199999, "ПАО \"Вымпел-Коммуникации\"", "Российская Федерация", "7713076301")
                .line("908;0200000;0299999;5;ПАО \"Вымпел-Коммуникации\";Красноярский край;7713076301")
                .bytes(TextEncodings.WINDOWS_1251));

        browser.get(url("/contacts/numbering"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Диапазоны номеров");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#numbering-import button[type=submit]")).click();
        waitFor(ExpectedConditions.urlMatches(".*/contacts/numbering/imports/\\d+$"));
        assertThat(browser.findElement(By.id("rows-inserted")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("journal-rejected")).getText())
                .contains("Не совпадает с диапазоном, в котором 100000 номеров.");
        assertThat(browser.findElement(By.id("journal-no-zone")).getText()).contains("Российская Федерация");
        screenshot("numbering-import-ru");

        browser.get(url("/contacts/numbering"));
        browser.findElement(By.name("q")).sendKeys("Красноярск");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("range-results"), "Asia/Krasnoyarsk"));
        waitFor(ExpectedConditions.urlContains("q="));
        screenshot("numbering-directory-ru");

        browser.get(url("/contacts/time-zones"));
        browser.findElement(By.id("phone")).sendKeys("8 (908) 005-55-55");
        browser.findElement(By.id("zone")).sendKeys("Europe/Moscow");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("time-zone-chain")));
        assertThat(browser.findElement(By.id("result-zone")).getText()).isEqualTo("Asia/Krasnoyarsk");
        assertThat(browser.findElement(By.cssSelector("#time-zone-chain .list-group-item-success")).getText())
                .contains("Справочник диапазонов").contains("решает");
        screenshot("numbering-time-zone-ru");
    }

    @Test
    void deletingAPrefixAsksFirst() throws IOException {
        browser.get(url("/contacts/prefixes/new"));
        browser.findElement(By.id("code")).sendKeys("9950");
        browser.findElement(By.id("name")).sendKeys("Проверка");
        browser.findElement(By.id("zone")).sendKeys("МСК+2");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/contacts/prefixes/9950"));
        screenshot("prefix-ru");

        // an alert raised meanwhile by another test puts the attention banner above the page: click again if it moved
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(ElementClickInterceptedException.class).until(driver -> {
            driver.findElement(By.cssSelector("form[action$='/delete'] button")).click();
            return true;
        });
        waitFor(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(browser.getCurrentUrl()).endsWith("/contacts/prefixes/9950");

        // an alert raised meanwhile by another test puts the attention banner above the page: click again if it moved
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(ElementClickInterceptedException.class).until(driver -> {
            driver.findElement(By.cssSelector("form[action$='/delete'] button")).click();
            return true;
        });
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(ExpectedConditions.urlMatches(".*/contacts/prefixes$"));
        assertThat(browser.findElement(By.cssSelector(".alert-success")).getText()).contains("Код удалён.");
        screenshot("prefixes-ru");
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
