package org.dozvon.webhooks;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Webhooks through the real login and forms: create with its checks, the secret, a test event, delete. */
class WebhookPagesTests extends ApplicationTestBase {

    private PortalClient admin() {
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        return portal;
    }

    @Test
    void aSubscriptionIsMadeInTheFormWhichNamesEachMistakeBesideItsField() {
        PortalClient portal = admin();
        WebhookFixture f = new WebhookFixture(port, ADMIN_PASSWORD);
        String form = portal.get("/settings/webhooks/new").body();
        assertThat(form).contains("contact.attempt.completed").contains("import.finished").contains("All campaigns");

        HttpResponse<String> refused = portal.postFieldsWithTokenOf(form, "/settings/webhooks", List.of(
                "name", "", "url", "ftp://crm.example.org/hooks", "campaignId", "", "active", "true"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Give the subscription a name.")
                .contains("&quot;ftp://crm.example.org/hooks&quot; is not an http:// or https:// address with a host.")
                .contains("Choose at least one event.").contains("is-invalid");

        HttpResponse<String> saved = portal.postFieldsWithTokenOf(form, "/settings/webhooks", List.of(
                "name", "Page CRM " + f.suffix, "url", "http://127.0.0.1:1/hooks", "campaignId", "",
                "eventTypes", "contact.finished", "eventTypes", "import.finished", "active", "true"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.replaceAll(".*/settings/webhooks/(\\d+)$", "$1"));
        String page = portal.get(location).body();
        assertThat(page).contains("Subscription created.").contains("id=\"webhook-secret\"").contains("whsec_");
        String secret = page.replaceAll("(?s).*(whsec_[A-Za-z0-9_-]+).*", "$1");
        JsonNode api = f.read(f.send("GET", "/api/v1/webhooks/" + id + "/secret", null).body());
        assertThat(api.get("secret").asText()).isEqualTo(secret);
        assertThat(portal.get(location).body()).as("shown once").doesNotContain(secret);

        String list = portal.get("/settings/webhooks").body();
        assertThat(list).contains("Page CRM " + f.suffix).contains("http://127.0.0.1:1/hooks")
                .contains("data-confirm=\"Delete the subscription &quot;Page CRM " + f.suffix);

        HttpResponse<String> test = portal.postFormWithTokenOf(list, "/settings/webhooks/" + id + "/test", Map.of());
        assertThat(test.statusCode()).isEqualTo(302);
        String log = portal.get("/settings/webhooks/" + id + "/deliveries").body();
        assertThat(log).contains("A test event is queued").contains("webhook.test");

        String russian = portal.get("/settings/webhooks/" + id + "/deliveries?lang=ru").body();
        assertThat(russian).contains("Журнал доставки");

        HttpResponse<String> deleted = portal.postFormWithTokenOf(list, "/settings/webhooks/" + id + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(portal.get("/settings/webhooks").body()).doesNotContain("Page CRM " + f.suffix);
        assertThat(portal.get("/settings/webhooks/" + id).statusCode()).isEqualTo(404);
    }
}
