package org.dozvon.dialing;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Caller IDs, maximum lines and connectors: their pages and APIs, and what the dialer makes of them. */
class DialingSettingsTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;

    String page(String path) {
        org.dozvon.PortalClient client = portal();
        client.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> page = client.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void eachCallShowsANumberOfTheCampaignsCallerIdGroup() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        int tail = Math.floorMod(fixture.suffix.hashCode(), 10_000);
        String first = "+7495100" + String.format("%04d", tail);
        String second = "+7495200" + String.format("%04d", tail);
        assertThat(fixture.send("POST", "/api/v1/caller-ids", "{\"number\": \"" + first + "\"}").statusCode()).isEqualTo(201);
        assertThat(fixture.send("POST", "/api/v1/caller-ids", "{\"number\": \"8 (495) 300-" + tail + "\"}").statusCode())
                .isEqualTo(201);
        assertThat(fixture.send("POST", "/api/v1/caller-ids", "{\"number\": \"" + second + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> group = fixture.send("POST", "/api/v1/caller-id-groups",
                "{\"name\": \"Moscow %s\", \"numbers\": [\"%s\", \"%s\"]}".formatted(fixture.suffix, first, second));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        long groupId = fixture.read(group.body()).get("id").asLong();

        long campaign = fixture.startedCampaign(fixture.list(6), "\"callerIdGroupId\": " + groupId);
        DialingFixture.await("six ended calls", Duration.ofSeconds(60), () -> fixture.count(
                "select count(distinct contact_id) from call_attempt where campaign_id = :c and ended_at is not null",
                campaign) == 6);

        assertThat(fixture.attempts(campaign)).allSatisfy(row -> assertThat(row.get("caller_id")).isIn(first, second));
        JsonNode read = fixture.read(fixture.send("GET", "/api/v1/campaigns/" + campaign, null).body());
        assertThat(read.get("callerIdGroupId").asLong()).isEqualTo(groupId);
        assertThat(page("/campaigns/caller-ids")).contains(first);
    }

    @Test
    void aCampaignNeverHoldsMoreCallsThanItsMaximumLines() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        long campaign = fixture.startedCampaign(fixture.list(8), "\"maxLines\": 2");
        DialingFixture.await("eight ended calls", Duration.ofSeconds(90), () -> fixture.count(
                "select count(distinct contact_id) from call_attempt where campaign_id = :c and ended_at is not null",
                campaign) == 8);

        List<Map<String, Object>> calls = fixture.attempts(campaign);
        for (Map<String, Object> call : calls) {
            Timestamp start = (Timestamp) call.get("originated_at");
            long together = calls.stream().filter(other -> !((Timestamp) other.get("originated_at")).after(start)
                    && ((Timestamp) other.get("ended_at")).after(start)).count();
            assertThat(together).as("calls in progress when %s was placed", call.get("call_id")).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void refusesInvalidCallerIdsAndCampaignSettingsNamingTheField() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        HttpResponse<String> number = fixture.send("POST", "/api/v1/caller-ids", "{\"number\": \"call me\"}");
        assertThat(number.statusCode()).isEqualTo(422);
        assertThat(fixture.read(number.body()).get("errors").get("number").asText()).contains("call me");
        HttpResponse<String> group = fixture.send("POST", "/api/v1/caller-id-groups",
                "{\"name\": \"G %s\", \"numbers\": [\"+70000000001\"]}".formatted(fixture.suffix));
        assertThat(group.statusCode()).isEqualTo(422);
        assertThat(fixture.read(group.body()).get("errors").get("numbers").asText()).contains("+70000000001");
        HttpResponse<String> campaign = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Lines %s\", \"maxLines\": 0, \"callerIdGroupId\": 999999}".formatted(fixture.suffix));
        assertThat(campaign.statusCode()).isEqualTo(422);
        JsonNode errors = fixture.read(campaign.body()).get("errors");
        assertThat(errors.has("maxLines")).as(campaign.body()).isTrue();
        assertThat(errors.get("callerIdGroupId").asText()).contains("999999");
    }

    @Test
    void connectorsAreKeptWithTheirCapacityAndSelectionOrder() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        HttpResponse<String> refused = fixture.send("POST", "/api/v1/connectors",
                "{\"name\": \"\", \"position\": 2, \"capacity\": -1, \"trunk\": \"bad trunk\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(fixture.read(refused.body()).get("errors").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("name", "capacity", "trunk");

        HttpResponse<String> created = fixture.send("POST", "/api/v1/connectors",
                "{\"name\": \"Trunk %s\", \"position\": 9, \"capacity\": 0, \"trunk\": \"provider-2\", \"active\": false}"
                        .formatted(fixture.suffix));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = fixture.read(created.body()).get("id").asLong();
        try {
            assertThat(fixture.read(fixture.send("GET", "/api/v1/connectors/selection", null).body()).get("selection")
                    .asText()).isEqualTo("FROM_START");
            JsonNode connectors = fixture.read(fixture.send("GET", "/api/v1/connectors", null).body()).get("items");
            assertThat(connectors.get(0).get("id").asLong()).isEqualTo(1L);
            assertThat(connectors).extracting(connector -> connector.get("id").asLong()).contains(id);
            assertThat(fixture.read(fixture.send("GET", "/api/v1/connectors?active=false", null).body()).get("items"))
                    .extracting(connector -> connector.get("id").asLong()).contains(id).doesNotContain(1L);
            HttpResponse<String> changed = fixture.send("PUT", "/api/v1/connectors/selection",
                    "{\"selection\": \"ROUND_ROBIN\"}");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(fixture.read(changed.body()).get("selection").asText()).isEqualTo("ROUND_ROBIN");
            assertThat(fixture.read(fixture.send("GET", "/api/v1/connectors/selection", null).body()).get("selection")
                    .asText()).isEqualTo("ROUND_ROBIN");
            String page = page("/settings/connectors");
            assertThat(page).contains("Trunk " + fixture.suffix, "provider-2");
        } finally {
            fixture.send("PUT", "/api/v1/connectors/selection", "{\"selection\": \"FROM_START\"}");
            assertThat(fixture.send("DELETE", "/api/v1/connectors/" + id, null).statusCode()).isEqualTo(204);
        }
        assertThat(Set.of(fixture.send("GET", "/api/v1/connectors/" + id, null).statusCode())).containsExactly(404);
    }
}
