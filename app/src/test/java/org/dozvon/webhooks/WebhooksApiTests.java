package org.dozvon.webhooks;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/webhooks}: subscriptions over REST, their refusals by field, unknown ids, who may. */
class WebhooksApiTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    private final List<Long> created = new ArrayList<>();
    private WebhookFixture f;

    private WebhookFixture f() {
        if (f == null) {
            f = new WebhookFixture(port, ADMIN_PASSWORD);
        }
        return f;
    }

    private HttpResponse<String> post(String body) {
        HttpResponse<String> response = f().send("POST", "/api/v1/webhooks", body);
        if (response.statusCode() == 201) {
            created.add(f().read(response.body()).get("id").asLong());
        }
        return response;
    }

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(f()::delete);
    }

    @Test
    void aSubscriptionIsCreatedReadChangedListedAndDeletedWithItsSecretShownOnlyWhenSet() {
        long campaign = f().campaign(f().contactList(), "");
        HttpResponse<String> made = post("""
                {"name": "CRM %s", "url": "http://127.0.0.1:1/hooks", "campaignId": %d,
                 "eventTypes": ["contact.finished", "contact.attempt.completed"]}""".formatted(f().suffix, campaign));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode hook = f().read(made.body());
        long id = hook.get("id").asLong();
        assertThat(made.headers().firstValue("Location")).hasValue("/api/v1/webhooks/" + id);
        assertThat(hook.get("secret").asText()).startsWith("whsec_");
        assertThat(hook.get("eventTypes")).extracting(JsonNode::asText)
                .containsExactly("contact.attempt.completed", "contact.finished");
        assertThat(hook.get("campaignId").asLong()).isEqualTo(campaign);
        assertThat(hook.get("active").asBoolean()).isTrue();
        assertThat(hook.get("failedDeliveries").asLong()).isZero();
        String stored = jdbc.sql("select secret from webhook_subscription where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(stored).as("sealed at rest").startsWith("v1:").doesNotContain(hook.get("secret").asText());

        JsonNode read = f().read(f().send("GET", "/api/v1/webhooks/" + id, null).body());
        assertThat(read.has("secret")).as("not shown unasked").isFalse();
        assertThat(read.get("name").asText()).isEqualTo("CRM " + f().suffix);
        assertThat(f().read(f().send("GET", "/api/v1/webhooks/" + id + "/secret", null).body()).get("secret").asText())
                .isEqualTo(hook.get("secret").asText());

        HttpResponse<String> changed = f().send("PUT", "/api/v1/webhooks/" + id, """
                {"name": "CRM %s renamed", "url": "http://127.0.0.1:1/v2/hooks", "eventTypes": ["import.finished"],
                 "active": false, "secret": "my-own-secret-of-the-crm"}""".formatted(f().suffix));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode after = f().read(changed.body());
        assertThat(after.get("campaignId").isNull()).as("global now").isTrue();
        assertThat(after.get("active").asBoolean()).isFalse();
        assertThat(after.get("secret").asText()).isEqualTo("my-own-secret-of-the-crm");
        HttpResponse<String> kept = f().send("PUT", "/api/v1/webhooks/" + id, """
                {"name": "CRM %s renamed", "url": "http://127.0.0.1:1/v2/hooks", "eventTypes": ["import.finished"]}"""
                .formatted(f().suffix));
        assertThat(f().read(kept.body()).has("secret")).isFalse();
        assertThat(f().read(f().send("GET", "/api/v1/webhooks/" + id + "/secret", null).body()).get("secret").asText())
                .as("kept when none is given").isEqualTo("my-own-secret-of-the-crm");

        assertThat(jdbc.sql("select action from audit_event where object_type = 'webhook' and object_id = :id order by id")
                .param("id", String.valueOf(id)).query(String.class).list())
                .containsExactly("webhook.create", "webhook.secret.show", "webhook.update", "webhook.update",
                        "webhook.secret.show");
        assertThat(jdbc.sql("select after_value::text from audit_event where object_type = 'webhook' and object_id = :id"
                        + " and action = 'webhook.update' order by id limit 1")
                .param("id", String.valueOf(id)).query(String.class).single())
                .contains("\"secretSet\": true").doesNotContain("my-own-secret");

        assertThat(f().send("DELETE", "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
        assertThat(f().send("GET", "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(404);
        created.remove(Long.valueOf(id));
    }

    @Test
    void theListPagesWithACursorAndFiltersByCampaign() {
        long campaign = f().campaign(f().contactList(), "");
        for (int i = 0; i < 3; i++) {
            assertThat(post("""
                    {"name": "Paged %s %d", "url": "http://127.0.0.1:1/%d", "campaignId": %d,
                     "eventTypes": ["campaign.state.changed"]}""".formatted(f().suffix, i, i, campaign)).statusCode())
                    .isEqualTo(201);
        }
        JsonNode first = f().read(f().send("GET", "/api/v1/webhooks?limit=2&campaignId=" + campaign, null).body());
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = f().read(f().send("GET", "/api/v1/webhooks?limit=2&campaignId=" + campaign + "&cursor=" + cursor,
                null).body());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(f().send("GET", "/api/v1/webhooks?cursor=forged", null).statusCode()).isEqualTo(422);
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() {
        long campaign = f().campaign(f().contactList(), "");
        assertRefused("{\"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"]}", "name");
        assertRefused("{\"name\": \"Bad %s\", \"url\": \"ftp://crm.example.org\", \"eventTypes\": [\"contact.finished\"]}"
                .formatted(f().suffix), "url");
        assertRefused("{\"name\": \"Bad %s\", \"url\": \"not a url\", \"eventTypes\": [\"contact.finished\"]}"
                .formatted(f().suffix), "url");
        assertRefused("{\"name\": \"Bad %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": []}"
                .formatted(f().suffix), "eventTypes");
        HttpResponse<String> unknown = assertRefused(("{\"name\": \"Bad %s\", \"url\": \"http://127.0.0.1:1\","
                + " \"eventTypes\": [\"contact.exploded\"]}").formatted(f().suffix), "eventTypes");
        assertThat(unknown.body()).contains("contact.exploded").contains("contact.attempt.completed");
        assertRefused(("{\"name\": \"Bad %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"import.finished\"],"
                + " \"campaignId\": %d}").formatted(f().suffix, campaign), "eventTypes");
        assertRefused(("{\"name\": \"Bad %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"],"
                + " \"campaignId\": 987654321}").formatted(f().suffix), "campaignId");
        assertRefused(("{\"name\": \"Bad %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"],"
                + " \"secret\": \"short\"}").formatted(f().suffix), "secret");

        assertThat(post("{\"name\": \"Taken %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"]}"
                .formatted(f().suffix)).statusCode()).isEqualTo(201);
        assertRefused("{\"name\": \"TAKEN %s\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"]}"
                .formatted(f().suffix), "name");
        assertThat(f().send("GET", "/api/v1/webhooks/" + created.get(0) + "/deliveries?state=LOST", null).statusCode())
                .isEqualTo(422);
    }

    @Test
    void unknownSubscriptionsAndDeliveriesAreNotFound() {
        String body = "{\"name\": \"X\", \"url\": \"http://127.0.0.1:1\", \"eventTypes\": [\"contact.finished\"]}";
        for (HttpResponse<String> response : List.of(
                f().send("GET", "/api/v1/webhooks/987654321", null),
                f().send("PUT", "/api/v1/webhooks/987654321", body),
                f().send("DELETE", "/api/v1/webhooks/987654321", null),
                f().send("POST", "/api/v1/webhooks/987654321/test", null),
                f().send("GET", "/api/v1/webhooks/987654321/deliveries", null),
                f().send("GET", "/api/v1/webhooks/deliveries/987654321", null),
                f().send("POST", "/api/v1/webhooks/deliveries/987654321/redeliver", null))) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("There is no webhook");
        }
    }

    @Test
    void aDeliveryWaitingToBeSentIsNotRedelivered() {
        int port = WebhookReceiver.freePort();
        HttpResponse<String> made = post("{\"name\": \"Down %s\", \"url\": \"%s\", \"eventTypes\": [\"contact.finished\"]}"
                .formatted(f().suffix, WebhookReceiver.url(port)));
        long id = f().read(made.body()).get("id").asLong();
        HttpResponse<String> test = f().send("POST", "/api/v1/webhooks/" + id + "/test", null);
        assertThat(test.statusCode()).isEqualTo(202);
        JsonNode delivery = f().onlyDelivery(id);
        assertThat(delivery.get("eventType").asText()).isEqualTo("webhook.test");
        assertThat(delivery.get("eventId").asText()).isEqualTo(f().read(test.body()).get("eventId").asText());
        assertThat(delivery.get("state").asText()).isEqualTo("PENDING");

        HttpResponse<String> refused = f().send("POST", "/api/v1/webhooks/deliveries/" + delivery.get("id").asLong()
                + "/redeliver", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("waits to be sent already");
    }

    @Test
    void onlyWhoManagesWebhooksMayUseTheApi() {
        new TestUsers(context).ensure("webhook-supervisor", "Webhook-Password-1", false, "SUPERVISOR");
        HttpResponse<String> anonymous = f().portal.api("/api/v1/webhooks", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> supervisor = f().portal.api("/api/v1/webhooks", "webhook-supervisor", "Webhook-Password-1");
        assertThat(supervisor.statusCode()).isEqualTo(403);
        assertThat(f().portal.apiSend("POST", "/api/v1/webhooks", "{}", "webhook-supervisor", "Webhook-Password-1")
                .statusCode()).isEqualTo(403);
        assertThat(f().send("GET", "/api/v1/webhooks", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> assertRefused(String body, String field) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(422);
        assertThat(f().read(response.body()).get("errors").has(field)).as(response.body()).isTrue();
        return response;
    }
}
