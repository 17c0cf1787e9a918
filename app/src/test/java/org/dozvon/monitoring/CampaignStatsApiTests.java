package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.AttemptRecords;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/v1/campaigns/{id}/stats}: the monitor's figures of one campaign for a CRM. Calls are written through
 * the dialer's store a minute ahead of now, so that they fall in today and in the abandon window whenever the test runs.
 */
class CampaignStatsApiTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void aCampaignsStatsCountTodaysCallsByOutcomeTheAbandonRateAndItsContacts() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long listId = fixture.list(1);
        long contactId = jdbc.sql("select id from contact where list_id = :list").param("list", listId)
                .query(Long.class).single();
        var created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Stats %s\", \"lists\": [%d]}".formatted(fixture.suffix, listId));
        long campaign = fixture.read(created.body()).get("id").asLong();
        AttemptRecords records = new AttemptRecords(context);
        Instant soon = Instant.now().plusSeconds(60);
        records.ended(campaign, contactId, OutcomeCategory.BUSY, soon);
        records.ended(campaign, contactId, OutcomeCategory.BUSY, soon);
        records.ended(campaign, contactId, OutcomeCategory.ABANDONED, soon);
        records.talked(campaign, contactId, 9001, "Stats operator", soon, Duration.ofSeconds(30), Duration.ofSeconds(5));
        ApiPaging api = new ApiPaging(port, "admin", ADMIN_PASSWORD);

        JsonNode stats = ApiPaging.read(api.get("/api/v1/campaigns/" + campaign + "/stats", "en").body());

        assertThat(stats.get("campaignId").asLong()).isEqualTo(campaign);
        assertThat(stats.get("status").asText()).isEqualTo("DRAFT");
        assertThat(stats.get("at").asText()).endsWith("Z");
        assertThat(stats.get("calls").toString()).isEqualTo("{\"queued\":0,\"dialing\":0,\"waiting\":0,\"talking\":0}");
        JsonNode today = stats.get("today");
        assertThat(today.get("total").asLong()).isEqualTo(4);
        assertThat(today.get("byOutcome").get("BUSY").asLong()).isEqualTo(2);
        assertThat(today.get("byOutcome").get("ABANDONED").asLong()).isEqualTo(1);
        assertThat(today.get("byOutcome").get("ANSWERED").asLong()).isEqualTo(1);
        assertThat(today.get("byOutcome").get("MACHINE").asLong()).isZero();
        assertThat(today.get("since").asText()).endsWith("T00:00:00Z");
        JsonNode abandon = stats.get("abandon");
        assertThat(abandon.get("window").asText()).isEqualTo("PT1H");
        assertThat(abandon.get("persons").asLong()).isEqualTo(2);
        assertThat(abandon.get("abandoned").asLong()).isEqualTo(1);
        assertThat(abandon.get("percent").asDouble()).isEqualTo(50.0);
        assertThat(stats.get("contacts").toString()).isEqualTo(
                "{\"taken\":0,\"called\":0,\"finished\":0,\"succeeded\":0,\"remaining\":0,\"percent\":0,\"taking\":true}");
        assertThat(stats.get("operators").isEmpty()).isTrue();
    }

    @Test
    void statsOfAnUnknownCampaignAre404AndNeedCampaignsView() {
        ApiPaging api = new ApiPaging(port, "admin", ADMIN_PASSWORD);
        assertThat(api.get("/api/v1/campaigns/999999999/stats", "en").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/first/stats", "en").statusCode()).isEqualTo(404);
        new TestUsers(context).ensure("stats-operator", "Operator-pass-1", false, "OPERATOR");
        assertThat(new ApiPaging(port, "stats-operator", "Operator-pass-1").get("/api/v1/campaigns/999999999/stats", "en")
                .statusCode()).isEqualTo(403);
    }
}
