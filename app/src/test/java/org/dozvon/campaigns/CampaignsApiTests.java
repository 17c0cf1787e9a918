package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@code /api/v1/campaigns} as a CRM uses it: every setting in, the same out, lifecycle, problems by field. */
class CampaignsApiTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private CampaignFixture fixture;
    private long listId;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void aContactList() throws Exception {
        fixture = new CampaignFixture(portal());
        listId = fixture.listWith("Казань", "100", "Москва", "200", "Казань", "300", "Уфа", "50");
    }

    @Test
    void aCampaignComesBackWithEverySettingItWasGiven() throws Exception {
        HttpResponse<String> created = fixture.send("POST", "/api/v1/campaigns", full("Everything"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).startsWith("/api/v1/campaigns/"));
        JsonNode campaign = json.readTree(fixture.send("GET", created.headers().firstValue("Location").orElseThrow(), null).body());
        assertThat(campaign.get("status").asText()).isEqualTo("DRAFT");
        assertThat(campaign.get("revision").asLong()).isEqualTo(1);
        assertThat(campaign.get("strategyKey").asText()).isEqualTo("standard");
        assertThat(campaign.get("strategyVersion").asInt()).isEqualTo(3);
        assertThat(campaign.get("lists").get(0).asLong()).isEqualTo(listId);
        assertThat(campaign.get("listOrder").asText()).isEqualTo("ANY_ORDER");
        assertThat(campaign.get("filter").get("logic").asText()).isEqualTo("OR");
        assertThat(campaign.get("filter").get("items").get(0).get("field").asText()).isEqualTo(fixture.city());
        assertThat(campaign.get("filter").get("items").get(1).get("logic").asText()).isEqualTo("AND");
        assertThat(campaign.get("percent").asInt()).isEqualTo(100);
        assertThat(campaign.get("orderField").asText()).isEqualTo(fixture.amount());
        assertThat(campaign.get("orderDescending").asBoolean()).isTrue();
        assertThat(campaign.get("completionCodeGroupId").asLong()).isEqualTo(codeGroupId());
        assertThat(campaign.get("calendarId").asLong()).isEqualTo(calendarId());
        assertThat(campaign.get("endless").asBoolean()).isTrue();
        assertThat(campaign.get("weight").asInt()).isEqualTo(40);
        assertThat(campaign.get("startsAt").asText()).isEqualTo("2030-01-10T06:00:00Z");
        assertThat(campaign.get("stopsAt").asText()).isEqualTo("2030-03-01T18:00:00Z");
        assertThat(campaign.get("timeZoneMode").asText()).isEqualTo("CAMPAIGN");
        assertThat(campaign.get("timeZone").asText()).isEqualTo("Asia/Yekaterinburg");
        assertThat(campaign.get("callingHours").get("WORKDAY").toString())
                .isEqualTo("[{\"from\":\"09:00\",\"to\":\"13:00\"},{\"from\":\"14:00\",\"to\":\"21:00\"}]");
        assertThat(campaign.get("callingHours").get("HOLIDAY")).isEmpty();
        assertThat(campaign.get("exceptions").toString()).isEqualTo(
                "[{\"date\":\"2029-12-31\",\"hours\":[{\"from\":\"10:00\",\"to\":\"16:00\"}]},{\"date\":\"2030-01-01\",\"hours\":[]}]");
        assertThat(campaign.get("callbackPeriodHours").asInt()).isEqualTo(72);
        assertThat(campaign.get("numberPrefix").asText()).isEqualTo("+7");
        assertThat(campaign.get("maxAttemptsPerContact").asInt()).isEqualTo(10);
        assertThat(campaign.get("maxAttemptsPerPhoneType").get(fixture.phone()).asInt()).isEqualTo(5);
        assertThat(campaign.get("maxAttemptsPerDay").asInt()).isEqualTo(3);
        assertThat(campaign.get("maxHoursSinceFirstAttempt").asInt()).isEqualTo(168);
        assertThat(campaign.get("maxHoursSinceCreation").asInt()).isEqualTo(720);

        long id = campaign.get("id").asLong();
        JsonNode count = json.readTree(fixture.send("GET", "/api/v1/campaigns/" + id + "/eligible-count", null).body());
        assertThat(count.get("count").asLong()).as("Казань with amount over 150, or Уфа").isEqualTo(2);
        assertThat(json.readTree(fixture.send("GET", "/api/v1/campaigns?q=everything+" + fixture.suffix, null).body())
                .get("items")).extracting(node -> node.get("id").asLong()).containsExactly(id);
    }

    @Test
    void wrongSettingsAreRefusedFieldByField() throws Exception {
        HttpResponse<String> refused = fixture.send("POST", "/api/v1/campaigns", """
                {"name": " ", "timeZone": "Mars/Olympus", "weight": 0, "numberPrefix": "8-800",
                 "lists": [-1], "percent": 101, "strategyKey": "1bad key",
                 "filter": {"logic": "AND", "items": [{"field": "nope_%1$s", "operator": "EQUALS", "values": ["x"]}]},
                 "callingHours": {"WORKDAY": [{"from": "10:00", "to": "10:00"}], "WEEKEND": [{"from": "25:00", "to": "26:00"}]},
                 "maxAttemptsPerPhoneType": {"%2$s": 5},
                 "completionCodeGroupId": 999999999, "calendarId": 999999999}""".formatted(fixture.suffix, fixture.city()));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.fieldNames()).toIterable().containsExactlyInAnyOrder("callingHours.WORKDAY", "callingHours.WEEKEND",
                "name", "strategyKey", "timeZone", "lists", "percent", "filter", "weight", "numberPrefix", "maxAttemptsPerPhoneType",
                "completionCodeGroupId", "calendarId");
        assertThat(errors.get("calendarId").asText()).isEqualTo("There is no calendar 999999999: choose one from the list.");
        assertThat(errors.get("timeZone").asText()).contains("'Mars/Olympus' is not a time zone");
        assertThat(errors.get("callingHours.WORKDAY").asText()).isEqualTo("'10:00-10:00' is not an interval: write it as 09:00-21:00.");
        assertThat(errors.get("filter").asText()).isEqualTo("There is no field 'nope_" + fixture.suffix + "'.");
        assertThat(errors.get("maxAttemptsPerPhoneType").asText()).isEqualTo("'" + fixture.city() + "' is not a phone field.");
    }

    @Test
    void putReplacesTheSettingsAndAStaleRevisionConflicts() throws Exception {
        long id = json.readTree(fixture.send("POST", "/api/v1/campaigns", minimal("Replaced")).body()).get("id").asLong();

        HttpResponse<String> replaced = fixture.send("PUT", "/api/v1/campaigns/" + id,
                "{\"name\": \"Replaced %s\", \"weight\": 9, \"revision\": 1}".formatted(fixture.suffix));

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode campaign = json.readTree(replaced.body());
        assertThat(campaign.get("weight").asInt()).isEqualTo(9);
        assertThat(campaign.get("revision").asLong()).isEqualTo(2);
        assertThat(campaign.get("lists")).as("PUT replaces everything").isEmpty();
        HttpResponse<String> stale = fixture.send("PUT", "/api/v1/campaigns/" + id,
                "{\"name\": \"Replaced %s\", \"revision\": 1}".formatted(fixture.suffix));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json.readTree(stale.body()).get("errors").get("revision").asText()).startsWith("Someone changed the campaign");
        assertThat(fixture.send("PUT", "/api/v1/campaigns/999999999", minimal("Nobody")).statusCode()).isEqualTo(404);
    }

    @Test
    void theLifecycleRunsOverTheApiAndRefusalsSayWhy() throws Exception {
        long bare = json.readTree(fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"Bare %s\", \"callingHours\": {}}".formatted(fixture.suffix)).body()).get("id").asLong();
        HttpResponse<String> refused = fixture.send("POST", "/api/v1/campaigns/" + bare + "/start", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get("strategyKey").asText()).isEqualTo("Choose the strategy before starting the campaign.");
        assertThat(errors.get("lists").asText()).isEqualTo("Choose at least one contact list before starting the campaign.");
        assertThat(errors.get("callingHours").asText()).startsWith("Give calling hours");

        long id = json.readTree(fixture.send("POST", "/api/v1/campaigns", minimal("Lifecycle")).body()).get("id").asLong();
        String base = "/api/v1/campaigns/" + id;
        assertThat(status(fixture.send("POST", base + "/start", null))).isEqualTo("RUNNING");
        assertThat(fixture.send("DELETE", base, null).statusCode()).as("running: not deleted").isEqualTo(409);
        assertThat(status(fixture.send("POST", base + "/pause", null))).isEqualTo("PAUSED");
        assertThat(fixture.send("POST", base + "/pause", null).statusCode()).isEqualTo(409);
        assertThat(status(fixture.send("POST", base + "/resume", null))).isEqualTo("RUNNING");
        assertThat(status(fixture.send("POST", base + "/stop", null))).isEqualTo("STOPPED");
        assertThat(fixture.send("DELETE", base, null).statusCode()).isEqualTo(204);
        assertThat(fixture.send("GET", base, null).statusCode()).isEqualTo(404);
        assertThat(fixture.send("POST", base + "/start", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyThoseAllowedToManageCampaignsChangeThem() throws Exception {
        new TestUsers(context).ensure("campaign-supervisor", "Role-Password-1", false, "SUPERVISOR");
        new TestUsers(context).ensure("campaign-analyst", "Role-Password-1", false, "ANALYST");
        var api = portal();

        assertThat(api.apiSend("POST", "/api/v1/campaigns", minimal("By supervisor"), "campaign-supervisor", "Role-Password-1")
                .statusCode()).isEqualTo(201);
        assertThat(api.api("/api/v1/campaigns", "campaign-analyst", "Role-Password-1").statusCode()).isEqualTo(403);
        assertThat(api.apiSend("POST", "/api/v1/campaigns", minimal("By analyst"), "campaign-analyst", "Role-Password-1")
                .statusCode()).isEqualTo(403);
    }

    private String status(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("status").asText();
    }

    private String minimal(String name) {
        return "{\"name\": \"%s %s\", \"strategyKey\": \"standard\", \"lists\": [%d]}".formatted(name, fixture.suffix, listId);
    }

    private String full(String name) {
        return """
                {"name": "%1$s %2$s", "description": "All of it", "strategyKey": "standard", "strategyVersion": 3,
                 "lists": [%3$d], "listOrder": "ANY_ORDER",
                 "filter": {"logic": "OR", "items": [
                    {"field": "%4$s", "operator": "EQUALS", "values": ["Уфа"]},
                    {"logic": "AND", "items": [{"field": "%4$s", "operator": "EQUALS", "values": ["Казань"]},
                                               {"field": "%5$s", "operator": "GREATER", "values": ["150"]}]}]},
                 "percent": 100, "orderField": "%5$s", "orderDescending": true, "dncLists": [],
                 "completionCodeGroupId": %7$d, "calendarId": %8$d, "endless": true, "weight": 40,
                 "startsAt": "2030-01-10T11:00:00+05:00", "stopsAt": "2030-03-01T18:00:00Z",
                 "timeZoneMode": "CAMPAIGN", "timeZone": "Asia/Yekaterinburg",
                 "callingHours": {"WORKDAY": [{"from": "14:00", "to": "21:00"}, {"from": "09:00", "to": "13:00"}],
                                  "WEEKEND": [{"from": "10:00", "to": "18:00"}], "HOLIDAY": []},
                 "exceptions": [{"date": "2030-01-01", "hours": []}, {"date": "2029-12-31", "hours": [{"from": "10:00", "to": "16:00"}]}],
                 "callbackPeriodHours": 72, "numberPrefix": "+7", "maxAttemptsPerContact": 10,
                 "maxAttemptsPerPhoneType": {"%6$s": 5}, "maxAttemptsPerDay": 3,
                 "maxHoursSinceFirstAttempt": 168, "maxHoursSinceCreation": 720}"""
                .formatted(name, fixture.suffix, listId, fixture.city(), fixture.amount(), fixture.phone(), codeGroupId(), calendarId());
    }

    /** The code group and calendar Dozvon ships with (the campaign's foreign keys need real ones). */
    private long codeGroupId() {
        return context.getBean(CompletionCodes.class).groups().get(0).id();
    }

    private long calendarId() {
        return context.getBean(WorkingCalendars.class).calendars().get(0).id();
    }
}
