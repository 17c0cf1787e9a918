package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dozvon.Chromium;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The portal in a real Chromium, as a person uses it. Needs Debian's chromium and chromium-driver,
 * which .ci/run installs; screenshots land in target/screenshots for a human to look at.
 */
class PortalBrowserTests extends ApplicationTestBase {


    private WebDriver browser;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void chromiumIsInstalled() throws IOException {
        Chromium.requireInstalled();
    }

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure("browser-supervisor", "Browser-Pass-1", false, "SUPERVISOR");
        users.ensure("browser-newcomer", "Temporary-Pass-1", true, "OPERATOR");
    }

    @Test
    void supervisorLogsInInRussianSwitchesToEnglishAndSeesOnlyTheirSections() throws IOException {
        browser = open("ru");
        try {
            browser.get(url("/campaigns"));
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            assertThat(browser.findElement(By.cssSelector("button[type=submit]")).getText()).isEqualTo("Войти");
            assertThat(browser.findElement(By.cssSelector(".dz-simulated")).getText()).contains("Телефония симулируется");
            screenshot("login-ru");

            logIn("browser-supervisor", "Browser-Pass-1");
            waitFor(ExpectedConditions.urlContains("/campaigns"));
            assertThat(navigation()).containsExactly("Кампании", "Контакты", "Мониторинг", "Операторы", "Отчёты");
            assertThat(browser.findElement(By.cssSelector(".dz-simulated")).isDisplayed()).isTrue();
            screenshot("campaigns-supervisor-ru");

            browser.findElement(By.linkText("EN")).click();
            waitFor(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Campaigns"));
            assertThat(navigation()).containsExactly("Campaigns", "Contacts", "Monitoring", "Operators", "Reports");

            browser.findElement(By.linkText("Contacts")).click();
            waitFor(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Contacts"));
            assertThat(browser.findElement(By.cssSelector(".dz-navbar .nav-link.active")).getText()).isEqualTo("Contacts");
            screenshot("contacts-supervisor-en");

            browser.get(url("/settings"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");

            browser.get(url("/contacts"));
            browser.findElement(By.cssSelector(".dz-navbar .dropdown-toggle")).click();
            WebElement logout = waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("form[action='/logout'] button")));
            logout.click();
            waitFor(ExpectedConditions.urlContains("/login?logout"));
            assertThat(browser.findElement(By.cssSelector(".alert-info")).getText()).isEqualTo("You have logged out.");
        } finally {
            browser.quit();
        }
    }

    @Test
    void newcomerMustChangeTheirPasswordBeforeReachingTheWorkplace() throws IOException {
        browser = open("en");
        try {
            browser.get(url("/login"));
            logIn("browser-newcomer", "Temporary-Pass-1");
            waitFor(ExpectedConditions.urlContains("/account/password"));
            assertThat(browser.findElement(By.cssSelector(".alert-warning")).getText())
                    .contains("Choose a new password before you go on");
            assertThat(browser.findElements(By.cssSelector(".dz-navbar .navbar-nav .nav-link")))
                    .as("no navigation until the password is changed")
                    .noneMatch(link -> link.getText().equals("Workplace"));

            fill(Map.of("currentPassword", "Temporary-Pass-1", "newPassword", "Brand-new-pass-1",
                    "confirmation", "Brand-new-pass-2"));
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#confirmation + .invalid-feedback")));
            assertThat(browser.findElements(By.cssSelector(".invalid-feedback"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("#confirmation + .invalid-feedback")).getText())
                    .isEqualTo("The two new passwords differ.");
            screenshot("password-mismatch-en");

            fill(Map.of("currentPassword", "Temporary-Pass-1", "newPassword", "Brand-new-pass-1",
                    "confirmation", "Brand-new-pass-1"));
            waitFor(ExpectedConditions.urlContains("/arm"));
            assertThat(browser.findElement(By.cssSelector(".dz-arm-bar strong")).getText()).isEqualTo("Workplace");
            screenshot("workplace-en");
        } finally {
            browser.quit();
        }
    }

    private WebDriver open(String language) {
        return Chromium.open(language, 800);
    }

    private void logIn(String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void fill(Map<String, String> fields) {
        fields.forEach((id, value) -> {
            WebElement input = browser.findElement(By.id(id));
            input.clear();
            input.sendKeys(value);
        });
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector(".dz-navbar .me-auto .nav-link")).stream()
                .map(WebElement::getText).toList();
    }

    private <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }
}
