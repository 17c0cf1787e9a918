package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.dozvon.ApplicationTestBase;
import org.dozvon.Chromium;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A call's card in a real Chromium (Russian): a campaign dials through the simulator until one attempt is settled by
 * its strategy; a supervisor goes from the campaign's page to its calls, opens the attempt's row and reads the card —
 * stages, events and the rule that fired — and finds the same call under the contact's page (loaded by htmx).
 * Screenshots: {@code target/screenshots/call-card-ru.png}, {@code contact-calls-ru.png}.
 */
class CallDetailBrowserTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;

    private WebDriver browser;
    private Long campaignId;

    @BeforeEach
    void aBrowser() throws IOException {
        Chromium.requireInstalled();
        browser = Chromium.open("ru", 1600);
    }

    @AfterEach
    void closeAndStop() {
        browser.quit();
        if (campaignId != null) {
            new DialingFixture(port, ADMIN_PASSWORD, jdbc).send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
    }

    @Test
    void aSupervisorOpensACallFromTheCampaignsCallsAndReadsItsCard() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long list = fixture.list(3);
        // agentless (the default mode): every call ends without an operator and its outcome goes to the strategy
        campaignId = fixture.startedCampaign(list, "");
        DialingFixture.await("an attempt the strategy settled", Duration.ofSeconds(60), () -> fixture.count("""
                select count(*) from dial_request r join call_attempt a on a.dial_request_id = r.id
                where r.campaign_id = :c and r.state = 'SETTLED' and a.ended_at is not null""", campaignId) > 0);
        long attempt = jdbc.sql("""
                        select min(r.id) from dial_request r join call_attempt a on a.dial_request_id = r.id
                        where r.campaign_id = :c and r.state = 'SETTLED' and a.ended_at is not null""")
                .param("c", campaignId).query(Long.class).single();
        long contact = jdbc.sql("select contact_id from dial_request where id = :id").param("id", attempt)
                .query(Long.class).single();

        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/campaigns"));
        browser.get(url("/campaigns/" + campaignId));
        browser.findElement(By.linkText("Звонки")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calls tr[data-attempt='" + attempt + "']")));
        browser.findElement(By.cssSelector("#calls a[href='/calls/" + attempt + "']")).click();

        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("call-events")));
        assertThat(browser.getCurrentUrl()).endsWith("/calls/" + attempt);
        String card = browser.findElement(By.tagName("main")).getText();
        assertThat(card).contains("Звонок №" + attempt).contains("Этапы").contains("Дозвон")
                .contains("Набран").contains("Завершён").contains("Стратегия приняла решение")
                .contains("Сработало правило").contains("таблицы «Next action after a call attempt»");
        assertThat(browser.findElements(By.cssSelector("#call-stages tr[data-stage]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#call-decisions .dz-rule"))).hasSize(1);
        Chromium.screenshot(browser, "call-card-ru");

        // the contact's page lists its calls (an htmx section), each opening its card
        browser.findElement(By.cssSelector("#call-contact a")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calls a[href='/calls/" + attempt + "']")));
        assertThat(browser.getCurrentUrl()).contains("/contacts/" + contact);
        Chromium.screenshot(browser, "contact-calls-ru");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private <T> void waitFor(ExpectedCondition<T> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }
}
