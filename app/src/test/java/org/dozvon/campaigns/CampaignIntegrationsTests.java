package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign's integrations (links for operators, the client-data service) through the API and the form: kept as
 * given, checked when saved (an unknown placeholder named), the service's token stored encrypted and never answered.
 */
class CampaignIntegrationsTests extends ApplicationTestBase {

    private static final Pattern CREATED = Pattern.compile("/campaigns/(\\d+)$");
    private static final String TOKEN = "s3cret-crm-token";

    private final ObjectMapper json = new ObjectMapper();
    private CampaignFixture fixture;
    private long listId;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Campaigns campaigns;

    @BeforeEach
    void aContactList() throws Exception {
        fixture = new CampaignFixture(portal());
        listId = fixture.listWith("Казань", "100");
    }

    @Test
    void theApiKeepsTheLinksAndTheServiceAndNeverAnswersTheToken() throws Exception {
        HttpResponse<String> created = fixture.send("POST", "/api/v1/campaigns", """
                {"name": "Integrations %1$s", "lists": [%2$d], "integrations": {
                   "links": [{"name": "CRM", "url": "https://crm.example/clients?city={%3$s}&phone={phone}", "openByDefault": true},
                             {"name": "Map", "url": "https://maps.example/?q={%3$s}&by={operator}"}],
                   "clientData": {"url": "https://crm.example/api/{contactId}", "method": "POST", "timeoutSeconds": 7,
                                  "token": "%4$s"}}}""".formatted(fixture.suffix, listId, fixture.city(), TOKEN));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        HttpResponse<String> read = fixture.send("GET", location, null);
        assertThat(read.body()).doesNotContain(TOKEN);
        JsonNode integrations = json.readTree(read.body()).get("integrations");
        assertThat(integrations.get("links")).hasSize(2);
        assertThat(integrations.get("links").get(0).get("name").asText()).isEqualTo("CRM");
        assertThat(integrations.get("links").get(0).get("url").asText())
                .isEqualTo("https://crm.example/clients?city={" + fixture.city() + "}&phone={phone}");
        assertThat(integrations.get("links").get(0).get("openByDefault").asBoolean()).isTrue();
        assertThat(integrations.get("links").get(1).get("openByDefault").asBoolean()).isFalse();
        JsonNode service = integrations.get("clientData");
        assertThat(service.get("url").asText()).isEqualTo("https://crm.example/api/{contactId}");
        assertThat(service.get("method").asText()).isEqualTo("POST");
        assertThat(service.get("timeoutSeconds").asInt()).isEqualTo(7);
        assertThat(service.get("tokenSet").asBoolean()).isTrue();
        assertThat(service.has("token")).isFalse();
        assertThat(stored(id)).contains("\"sealedToken\": \"v1:").doesNotContain(TOKEN);

        // what a client read and sends back keeps the token; an empty token removes it
        ObjectNode again = (ObjectNode) json.readTree(read.body());
        HttpResponse<String> kept = fixture.send("PUT", location, json.writeValueAsString(again));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(json.readTree(kept.body()).get("integrations").get("clientData").get("tokenSet").asBoolean()).isTrue();
        assertThat(campaigns.find(id).orElseThrow().settings().integrations().clientData().hasToken()).isTrue();
        ((ObjectNode) again.get("integrations").get("clientData")).put("token", "");
        again.remove("revision");
        HttpResponse<String> removed = fixture.send("PUT", location, json.writeValueAsString(again));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json.readTree(removed.body()).get("integrations").get("clientData").get("tokenSet").asBoolean()).isFalse();
        assertThat(stored(id)).doesNotContain("v1:");
    }

    @Test
    void templatesAreCheckedWhenSavedAndAnUnknownPlaceholderIsNamed() throws Exception {
        HttpResponse<String> refused = fixture.send("POST", "/api/v1/campaigns", """
                {"name": "Bad integrations %1$s", "integrations": {
                   "links": [{"name": "CRM", "url": "https://crm.example/clients/{clinet_id}", "openByDefault": true},
                             {"name": "Files", "url": "ftp://files.example/{phone}", "openByDefault": true},
                             {"name": "", "url": "https://crm.example/"}],
                   "clientData": {"url": "/api/{contactId}", "timeoutSeconds": 31}}}""".formatted(fixture.suffix));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get("links").asText())
                .contains("Link 'CRM': {clinet_id} is neither a contact field's code nor one of {phone}, {contactId},"
                        + " {campaignId}, {operator}, {attemptId}.")
                .contains("Link 'Files': the template is not an absolute http:// or https:// URL.")
                .contains("Link 3: enter its name.")
                .contains("Only one link may open by itself.");
        assertThat(errors.get("clientDataUrl").asText()).isEqualTo("The template is not an absolute http:// or https:// URL.");
        assertThat(errors.get("clientDataTimeout").asText()).isEqualTo("Give a whole number from 1 to 30.");
        assertThat(jdbc.sql("select count(*) from campaign where name = :name")
                .param("name", "Bad integrations " + fixture.suffix).query(Long.class).single()).isZero();
    }

    @Test
    void theFormsIntegrationsTabSavesLinksAndTheServiceAndMarksItsErrors() throws Exception {
        PortalClient browser = portal();
        browser.login("admin", ADMIN_PASSWORD);
        String form = browser.get("/campaigns/new").body();
        assertThat(form).contains("id=\"tab-integrations\"", "Links for operators", "Client data service");
        assertThat(browser.get("/campaigns/form/link-row").body()).contains("name=\"linkName\"", "name=\"linkUrl\"",
                "name=\"linkDefault\"");
        List<String> fields = List.of("name", "Form integrations " + fixture.suffix, "timeZone", "Europe/Moscow",
                "lists", String.valueOf(listId), "listPosition_" + listId, "1",
                "linkName", "CRM", "linkUrl", "https://crm.example/clients/{nope}", "linkDefault", "true",
                "linkName", "", "linkUrl", "", "linkDefault", "false",
                "clientDataUrl", "https://crm.example/api/{" + fixture.city() + "}", "clientDataMethod", "GET",
                "clientDataTimeout", "9", "clientDataToken", TOKEN);

        HttpResponse<String> refused = post(browser, form, "/campaigns", fields);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Link &#39;CRM&#39;: {nope} is neither a contact field&#39;s code")
                .containsPattern("id=\"tab-integrations\"[^>]*>\\s*<span[^>]*>Integrations</span>\\s*<span class=\"badge")
                .contains("value=\"https://crm.example/clients/{nope}\"").doesNotContain(TOKEN);

        List<String> fixed = new java.util.ArrayList<>(fields);
        fixed.set(fixed.indexOf("https://crm.example/clients/{nope}"), "https://crm.example/clients/{" + fixture.city() + "}");
        HttpResponse<String> saved = post(browser, form, "/campaigns", fixed);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Matcher created = CREATED.matcher(saved.headers().firstValue("Location").orElseThrow());
        assertThat(created.find()).isTrue();
        long id = Long.parseLong(created.group(1));
        CampaignIntegrations integrations = campaigns.find(id).orElseThrow().settings().integrations();
        assertThat(integrations.links()).containsExactly(
                new IntegrationLink("CRM", "https://crm.example/clients/{" + fixture.city() + "}", true));
        assertThat(integrations.clientData().urlTemplate()).isEqualTo("https://crm.example/api/{" + fixture.city() + "}");
        assertThat(integrations.clientData().timeoutSeconds()).isEqualTo(9);
        String sealed = integrations.clientData().sealedToken();
        assertThat(sealed).startsWith("v1:").doesNotContain(TOKEN);

        String page = browser.get("/campaigns/" + id).body();
        assertThat(page).contains("Integrations", "CRM", "https://crm.example/clients/{" + fixture.city() + "}",
                "with a bearer token").doesNotContain(TOKEN);

        // the edit form never shows the token, and saving it without one typed keeps it
        String edit = browser.get("/campaigns/" + id + "/edit").body();
        assertThat(edit).contains("A token is stored").doesNotContain(TOKEN).doesNotContain(sealed);
        List<String> again = new java.util.ArrayList<>(fixed);
        again.set(again.indexOf(TOKEN), "");
        assertThat(post(browser, edit, "/campaigns/" + id + "/edit", again).statusCode()).isEqualTo(302);
        assertThat(campaigns.find(id).orElseThrow().settings().integrations().clientData().sealedToken()).isEqualTo(sealed);
    }

    private String stored(long id) {
        return jdbc.sql("select integrations::text from campaign where id = :id").param("id", id).query(String.class).single();
    }

    private static HttpResponse<String> post(PortalClient browser, String page, String action, List<String> namesAndValues) {
        return browser.postFieldsWithTokenOf(page, action, namesAndValues);
    }
}
