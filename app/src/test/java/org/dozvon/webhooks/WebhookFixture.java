package org.dozvon.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.PortalClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Contact lists, campaigns and subscriptions made through the real API, as a CRM makes them. */
final class WebhookFixture {

    final PortalClient portal;
    final String suffix = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String password;
    private final ObjectMapper json = new ObjectMapper();

    WebhookFixture(int port, String adminPassword) {
        this.portal = new PortalClient(port);
        this.password = adminPassword;
    }

    HttpResponse<String> send(String method, String path, String body) {
        return portal.apiSend(method, path, body, "admin", password);
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list with a client-id field and a mobile phone; contacts given as client id, phone, client id, phone... */
    long contactList(String... clientIdsAndPhones) {
        send("POST", "/api/v1/contact-fields", "{\"code\": \"wh_client_%s\", \"name\": \"Client %1$s\", \"type\": \"TEXT\", \"clientId\": true}"
                .formatted(suffix));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"wh_mobile_%s\", \"name\": \"Mobile %1$s\", \"type\": \"PHONE\"}"
                .formatted(suffix));
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Webhooks %1$s\", \"fields\": [{\"code\": \"wh_client_%1$s\"}, {\"code\": \"wh_mobile_%1$s\"}]}"
                        .formatted(suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        long listId = read(list.body()).get("id").asLong();
        if (clientIdsAndPhones.length > 0) {
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < clientIdsAndPhones.length; i += 2) {
                contacts.add("{\"wh_client_%s\": \"%s\", \"wh_mobile_%1$s\": \"%s\"}".formatted(suffix, clientIdsAndPhones[i],
                        clientIdsAndPhones[i + 1]));
            }
            HttpResponse<String> added = send("POST", "/api/v1/contact-lists/" + listId + "/contacts",
                    "[" + String.join(",", contacts) + "]");
            assertThat(read(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(contacts.size());
        }
        return listId;
    }

    /** A DRAFT campaign of the standard strategy on the list, open all day every day, with extra JSON members. */
    long campaign(long listId, String extra) {
        String allDay = "[{\"from\": \"00:00\", \"to\": \"12:00\"}, {\"from\": \"12:00\", \"to\": \"00:00\"}]";
        HttpResponse<String> created = send("POST", "/api/v1/campaigns", """
                {"name": "Webhooks %s %s", "strategyKey": "standard", "lists": [%d], "timeZoneMode": "CAMPAIGN",
                 "timeZone": "Europe/Moscow",
                 "callingHours": {"WORKDAY": %s, "WEEKEND": %4$s, "HOLIDAY": %4$s}%s}"""
                .formatted(suffix, UUID.randomUUID().toString().substring(0, 6), listId, allDay,
                        extra.isEmpty() ? "" : ", " + extra));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).get("id").asLong();
    }

    void start(long campaignId) {
        HttpResponse<String> started = send("POST", "/api/v1/campaigns/" + campaignId + "/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    }

    /** Subscribes {@code url} to these event types (of one campaign, or all when null); the API's answer. */
    JsonNode subscribe(String url, Long campaignId, String... types) {
        String body = """
                {"name": "CRM %s %s", "url": "%s", "campaignId": %s, "eventTypes": [%s]}"""
                .formatted(suffix, UUID.randomUUID().toString().substring(0, 6), url, campaignId,
                        String.join(", ", java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").toList()));
        HttpResponse<String> created = send("POST", "/api/v1/webhooks", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body());
    }

    /** A subscription's deliveries, newest first (one page of up to 1,000). */
    JsonNode deliveries(long webhookId, String state) {
        HttpResponse<String> page = send("GET", "/api/v1/webhooks/" + webhookId + "/deliveries?limit=1000"
                + (state == null ? "" : "&state=" + state), null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return read(page.body()).get("items");
    }

    JsonNode onlyDelivery(long webhookId) {
        JsonNode items = deliveries(webhookId, null);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    void delete(long webhookId) {
        send("DELETE", "/api/v1/webhooks/" + webhookId, null);
    }

    /** Waits (not a timed assertion: the condition decides, the timeout only ends a hung test). */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for " + what + " after " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
