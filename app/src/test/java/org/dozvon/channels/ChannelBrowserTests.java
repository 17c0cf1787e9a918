package org.dozvon.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.dozvon.Chromium;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator in Chromium, in Russian, from Settings to a previewed SMS template and the mail settings;
 * screenshots land in target/screenshots.
 */
class ChannelBrowserTests extends ApplicationTestBase {


    @BeforeAll
    static void chromiumIsInstalled() throws IOException {
        Chromium.requireInstalled();
    }

    @Test
    void administratorPreviewsAnSmsTemplateInRussian() throws IOException {
        ChannelFixture.contactFields(portal());
        WebDriver browser = open();
        try {
            browser.get(url("/login"));
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            waitFor(browser, ExpectedConditions.urlContains("/campaigns"));

            browser.get(url("/settings"));
            browser.findElement(By.cssSelector("main a[href=\"/settings/notification-templates\"]")).click();
            waitFor(browser, ExpectedConditions.textToBe(By.cssSelector("main h1"), "Шаблоны уведомлений"));
            browser.findElement(By.linkText("Новый шаблон SMS")).click();
            waitFor(browser, ExpectedConditions.presenceOfElementLocated(By.id("body")));
            browser.findElement(By.id("code")).sendKeys("browser_sms");
            browser.findElement(By.id("name")).sendKeys("Напоминание о платеже");
            browser.findElement(By.id("body")).sendKeys("@ch_fio, оплатите @ch_debt руб. до пятницы. Вопросы: help@bank.ru");
            WebElement previewButton = browser.findElement(By.xpath("//button[text()='Предпросмотр']"));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", previewButton);
            previewButton.click();

            WebElement shown = waitFor(browser, ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", shown);
            String preview = shown.getText();
            assertThat(preview).contains("ФИО, оплатите 1500 руб. до пятницы. Вопросы: help@bank.ru");
            screenshot(browser, "channels-template-preview-ru");

            browser.get(url("/settings/mail"));
            assertThat(browser.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Настройки почты");
            screenshot(browser, "channels-mail-ru");
            browser.get(url("/settings/sms-gateway"));
            screenshot(browser, "channels-sms-gateway-ru");
            browser.get(url("/settings/channel-messages"));
            screenshot(browser, "channels-messages-ru");
        } finally {
            browser.quit();
        }
    }

    private static WebDriver open() {
        return Chromium.open("ru", 900);
    }

    private static <T> T waitFor(WebDriver browser, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
