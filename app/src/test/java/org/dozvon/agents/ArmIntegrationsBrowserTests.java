package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integrations of the workplace in a real Chromium: the campaign's default link opens by itself once when the
 * card first appears, not again when the panel is rendered anew, and "refresh client data" shows the CRM's fresh
 * values beside the card.
 */
class ArmIntegrationsBrowserTests extends ApplicationTestBase {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;

    private WebDriver browser;
    private CrmServer crm;
    private ArmIntegrationsFixture card;

    @BeforeEach
    void aBrowserAndACrm() throws Exception {
        Chromium.requireInstalled();
        browser = Chromium.open("en", 1000);
        crm = new CrmServer();
    }

    @AfterEach
    void closeAndLogOut() {
        browser.quit();
        if (card != null) {
            card.close();
        }
        crm.close();
    }

    @Test
    void theDefaultLinkOpensOnceWhenTheCardAppearsAndRefreshShowsTheFreshValues() throws Exception {
        DialingFixture dialing = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        card = new ArmIntegrationsFixture(dialing, new ArmFixture(dialing, operators, context), operators, crm.url(""), """
                [{"name": "CRM", "url": "%1$s/crm/{contactId}?phone={phone}", "openByDefault": true},
                 {"name": "Map", "url": "%1$s/map?q={name_%2$s}"}]""");
        crm.answer(200, "{\"%s\": 2500}".formatted(card.debt), Duration.ZERO);

        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(card.username);
        browser.findElement(By.id("password")).sendKeys(ArmIntegrationsFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(driver -> !driver.findElements(By.id("endpoint")).isEmpty());
        browser.findElement(By.id("endpoint")).sendKeys("PJSIP/aib" + dialing.suffix);
        browser.findElement(By.id("arm-login")).click();
        waitFor(driver -> !driver.findElements(By.id("arm-ready")).isEmpty() && driver.findElement(By.id("arm-ready")).isEnabled());
        browser.findElement(By.id("arm-ready")).click();

        waitFor(driver -> !driver.findElements(By.id("arm-integrations")).isEmpty());
        long attempt = operators.operator(card.operatorId).orElseThrow().attemptId();
        String opened = "/crm/" + card.contactId + "?phone=%2B" + card.number.substring(1);
        waitFor(driver -> driver.getWindowHandles().size() == 2);
        DialingFixture.await("the CRM page was asked for", Duration.ofSeconds(10),
                () -> crm.received().stream().anyMatch(r -> r.uri().equals(opened)));
        Chromium.screenshot(browser, "arm-integrations-preview");

        // a supervisor's message renders the panel anew: the default link is not opened again
        assertThat(dialing.send("POST", "/api/v1/operators/" + card.operatorId + "/messages",
                "{\"text\": \"Check the CRM\"}").statusCode()).isEqualTo(201);
        waitFor(driver -> driver.findElement(By.id("arm-panel")).getText().contains("Check the CRM"));
        assertThat(browser.findElements(By.id("arm-integrations"))).hasSize(1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.dzOpenedLinks.length;")).isEqualTo(1L);
        assertThat(browser.getWindowHandles()).hasSize(2);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('dz-arm-default-link-' + arguments[0]);", String.valueOf(attempt))).isEqualTo("1");

        browser.findElement(By.id("arm-refresh-client")).click();
        waitFor(driver -> !driver.findElements(By.cssSelector("#arm-refreshed tr.dz-changed")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#arm-refreshed tr.dz-changed")).getText()).contains("2500", "1000", "changed");
        Chromium.screenshot(browser, "arm-integrations-refreshed");
        assertThat(crm.received()).filteredOn(r -> r.uri().startsWith("/clients/")).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + card.token));
        assertThat(crm.received()).filteredOn(r -> r.uri().equals(opened)).hasSize(1);
    }

    private void waitFor(ExpectedCondition<Boolean> condition) {
        // htmx may swap a panel between finding it and reading it: look again rather than fail
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }
}
