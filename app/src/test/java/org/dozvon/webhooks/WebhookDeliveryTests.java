package org.dozvon.webhooks;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.campaigns.Campaigns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events reach a CRM's endpoint (an in-process HTTP server) from the real changes that make them: a campaign dialling
 * its contacts through the simulator, an import through the real job. Every delivery is checked the way docs/api.md
 * tells a CRM to check it.
 */
class WebhookDeliveryTests extends ApplicationTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    Campaigns campaigns;
    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path files;

    private final List<Long> subscriptions = new ArrayList<>();
    private final List<Long> startedCampaigns = new ArrayList<>();
    private WebhookFixture fixture;

    private WebhookFixture fixture() {
        if (fixture == null) {
            fixture = new WebhookFixture(port, ADMIN_PASSWORD);
        }
        return fixture;
    }

    private JsonNode subscribe(String url, Long campaignId, String... types) {
        JsonNode created = fixture().subscribe(url, campaignId, types);
        subscriptions.add(created.get("id").asLong());
        return created;
    }

    private void start(long campaignId) {
        fixture().start(campaignId);
        startedCampaigns.add(campaignId);
    }

    @AfterEach
    void leaveNothingSubscribedNorRunning() {
        subscriptions.forEach(fixture()::delete);
        startedCampaigns.forEach(id -> fixture().send("POST", "/api/v1/campaigns/" + id + "/stop", null));
    }

    @Test
    void everyEventOfADiallingCampaignArrivesSignedWithTheSubscriptionsSecretContactByContactInTheOrderItHappened() {
        try (WebhookReceiver crm = new WebhookReceiver()) {
            WebhookFixture f = fixture();
            long list = f.contactList("C-1", "+79001110001", "C-2", "+79001110002");
            long campaign = f.campaign(list, "\"maxAttemptsPerContact\": 1");
            JsonNode hook = subscribe(crm.url(), campaign, "contact.attempt.completed", "contact.finished",
                    "contact.status.changed", "campaign.state.changed");
            String secret = hook.get("secret").asText();
            assertThat(secret).as("a secret made up").startsWith("whsec_").hasSizeGreaterThanOrEqualTo(32);

            start(campaign);
            WebhookFixture.await("both contacts finished", PATIENCE,
                    () -> crm.received().stream().filter(r -> "contact.finished".equals(r.type())).count() == 2);

            List<WebhookReceiver.Received> all = crm.received();
            assertThat(all).allSatisfy(r -> {
                assertThat(r.signedWith(secret)).as("signature of %s", r.body()).isTrue();
                assertThat(r.signedWith("another secret")).isFalse();
                assertThat(r.header("Content-Type")).startsWith("application/json");
                JsonNode body = r.json();
                assertThat(r.header("Dozvon-Event-Id")).isEqualTo(body.get("id").asText());
                assertThat(r.header("Dozvon-Event-Type")).isEqualTo(body.get("type").asText());
                assertThat(r.header("Dozvon-Timestamp")).matches("\\d{10}");
                assertThat(body.get("campaignId").asLong()).isEqualTo(campaign);
                assertThat(OffsetDateTime.parse(body.get("occurredAt").asText())).isNotNull();
                assertThat(body.get("occurredAt").asText()).endsWith("Z");
            });
            assertThat(all.stream().map(r -> r.header("Dozvon-Event-Id")).distinct()).as("each event once").hasSize(all.size());

            JsonNode started = all.get(0).json();
            assertThat(started.get("type").asText()).isEqualTo("campaign.state.changed");
            assertThat(started.get("data").get("change").asText()).isEqualTo("started");
            assertThat(started.get("data").get("status").asText()).isEqualTo("RUNNING");
            assertThat(started.get("data").get("name").asText()).startsWith("Webhooks ");

            for (String client : List.of("C-1", "C-2")) {
                Map<String, Integer> at = new LinkedHashMap<>();
                Map<String, JsonNode> events = new LinkedHashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    JsonNode body = all.get(i).json();
                    if (!body.get("data").has("clientId") || !client.equals(body.get("data").get("clientId").asText())) {
                        continue;
                    }
                    String key = body.get("type").asText() + (body.get("type").asText().equals("contact.status.changed")
                            ? ":" + body.get("data").get("status").asText() : "");
                    assertThat(at.put(key, i)).as("%s of %s once", key, client).isNull();
                    events.put(key, body.get("data"));
                }
                assertThat(at.keySet()).as("events of %s", client).containsExactlyInAnyOrder("contact.status.changed:ACTIVE",
                        "contact.attempt.completed", "contact.status.changed:FINISHED", "contact.finished");
                assertThat(at.get("contact.status.changed:ACTIVE")).isLessThan(at.get("contact.attempt.completed"));
                assertThat(at.get("contact.attempt.completed")).isLessThan(at.get("contact.status.changed:FINISHED"));

                JsonNode attempt = events.get("contact.attempt.completed");
                assertThat(attempt.get("phone").asText()).isEqualTo(client.equals("C-1") ? "+79001110001" : "+79001110002");
                assertThat(attempt.get("outcome").asText()).isIn("ANSWERED", "NO_ANSWER", "BUSY", "REJECTED", "ABANDONED",
                        "MACHINE", "FAILED");
                assertThat(attempt.get("completionCode").asText()).isNotBlank();
                assertThat(attempt.get("contactId").asLong()).isEqualTo(events.get("contact.finished").get("contactId").asLong());
                assertThat(attempt.get("attemptId").asLong()).isPositive();
                assertThat(OffsetDateTime.parse(attempt.get("startedAt").asText())).isNotNull();
                assertThat(OffsetDateTime.parse(attempt.get("endedAt").asText())).isNotNull();
                assertThat(attempt.get("durationSeconds").isIntegralNumber()).isTrue();
                assertThat(attempt.get("manual").asBoolean()).isFalse();
                String finalStatus = events.get("contact.finished").get("finalStatus").asText();
                assertThat(finalStatus).isNotBlank();
                assertThat(events.get("contact.status.changed:FINISHED").get("finalStatus").asText()).isEqualTo(finalStatus);
                assertThat(events.get("contact.status.changed:ACTIVE").get("finalStatus").isNull()).isTrue();
            }
            JsonNode log = f.deliveries(hook.get("id").asLong(), null);
            assertThat(log.size()).isGreaterThanOrEqualTo(all.size());
            assertThat(log).allSatisfy(d -> assertThat(d.get("state").asText()).isIn("DELIVERED", "PENDING"));
        }
    }

    @Test
    void anImportThatEndsIsToldToEveryGlobalSubscriberWithItsCounts() throws Exception {
        try (WebhookReceiver crm = new WebhookReceiver()) {
            WebhookFixture f = fixture();
            JsonNode hook = subscribe(crm.url(), null, "import.finished");
            long list = f.contactList();
            Path csv = files.resolve("clients.csv");
            Files.writeString(csv, "Client;Mobile\nI-1;+79001112233\nI-2;8-800\n");
            HttpResponse<String> started = f.portal.apiMultipart("/api/v1/contact-lists/" + list + "/imports",
                    Map.of("file", csv, "mapping", "{\"Client\": \"wh_client_%s\", \"Mobile\": \"wh_mobile_%1$s\"}"
                            .formatted(f.suffix)), "admin", ADMIN_PASSWORD);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long importId = f.read(started.body()).get("id").asLong();

            WebhookFixture.await("import.finished", PATIENCE, () -> crm.received().stream()
                    .anyMatch(r -> r.json().get("data").get("importId").asLong() == importId));
            WebhookReceiver.Received received = crm.received().stream()
                    .filter(r -> r.json().get("data").get("importId").asLong() == importId).findFirst().orElseThrow();
            assertThat(received.signedWith(hook.get("secret").asText())).isTrue();
            assertThat(received.type()).isEqualTo("import.finished");
            JsonNode body = received.json();
            assertThat(body.has("campaignId")).as("an import belongs to no campaign").isFalse();
            JsonNode data = body.get("data");
            assertThat(data.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(data.get("listId").asLong()).isEqualTo(list);
            assertThat(data.get("fileName").asText()).isEqualTo("clients.csv");
            assertThat(data.get("source").asText()).isEqualTo("API");
            assertThat(List.of(data.get("read").asLong(), data.get("inserted").asLong(), data.get("updated").asLong(),
                    data.get("rejected").asLong())).containsExactly(2L, 1L, 0L, 1L);
        }
    }

    @Test
    void aCrmAnsweringServiceUnavailableForAWhileGetsTheEventOnceItIsBackWithEveryAttemptCounted() {
        try (WebhookReceiver crm = new WebhookReceiver()) {
            crm.answer(503);
            WebhookFixture f = fixture();
            long campaign = f.campaign(f.contactList(), "\"endless\": true");
            JsonNode hook = subscribe(crm.url(), campaign, "campaign.state.changed");
            long hookId = hook.get("id").asLong();
            start(campaign);

            WebhookFixture.await("three refused attempts", PATIENCE, () -> crm.received().size() >= 3);
            JsonNode waiting = f.onlyDelivery(hookId);
            assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
            assertThat(waiting.get("lastStatus").asInt()).isEqualTo(503);
            assertThat(waiting.get("lastError").asText()).startsWith("HTTP 503");
            crm.answer(200);
            WebhookFixture.await("the delivery", PATIENCE,
                    () -> f.onlyDelivery(hookId).get("state").asText().equals("DELIVERED"));

            List<WebhookReceiver.Received> got = crm.received();
            JsonNode delivered = f.onlyDelivery(hookId);
            assertThat(delivered.get("attempts").asInt()).as("every post counted").isEqualTo(got.size());
            assertThat(delivered.get("lastStatus").asInt()).isEqualTo(200);
            assertThat(delivered.get("lastError").isNull()).isTrue();
            assertThat(got.stream().filter(r -> r.answered() == 200)).as("taken once").hasSize(1);
            assertThat(got.get(got.size() - 1).answered()).isEqualTo(200);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.body()).as("the same body each time").isEqualTo(got.get(0).body());
                assertThat(r.header("Dozvon-Event-Id")).isEqualTo(delivered.get("eventId").asText());
                assertThat(r.signedWith(hook.get("secret").asText())).isTrue();
            });
        }
    }

    @Test
    void aCrmNotListeningForAWhileGetsTheEventOnceItListens() {
        int port = WebhookReceiver.freePort();
        WebhookFixture f = fixture();
        long campaign = f.campaign(f.contactList(), "\"endless\": true");
        JsonNode hook = subscribe(WebhookReceiver.url(port), campaign, "campaign.state.changed");
        long hookId = hook.get("id").asLong();
        start(campaign);

        WebhookFixture.await("two attempts without a connection", PATIENCE,
                () -> f.onlyDelivery(hookId).get("attempts").asInt() >= 2);
        JsonNode waiting = f.onlyDelivery(hookId);
        assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
        assertThat(waiting.get("lastStatus").isNull()).isTrue();
        assertThat(waiting.get("lastError").asText()).startsWith("cannot connect");

        try (WebhookReceiver crm = new WebhookReceiver(port)) {
            WebhookFixture.await("the delivery", PATIENCE,
                    () -> f.onlyDelivery(hookId).get("state").asText().equals("DELIVERED"));
            assertThat(crm.received()).as("posted once it listens").hasSize(1);
            assertThat(crm.received().get(0).signedWith(hook.get("secret").asText())).isTrue();
            assertThat(f.onlyDelivery(hookId).get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aChangeWhoseTransactionRollsBackSendsNothing() {
        try (WebhookReceiver crm = new WebhookReceiver()) {
            WebhookFixture f = fixture();
            long campaign = f.campaign(f.contactList(), "\"endless\": true");
            JsonNode hook = subscribe(crm.url(), campaign, "campaign.state.changed");
            long hookId = hook.get("id").asLong();

            transactions.executeWithoutResult(status -> {
                campaigns.start(campaign);
                status.setRollbackOnly();
            });
            assertThat(f.read(f.send("GET", "/api/v1/campaigns/" + campaign, null).body()).get("status").asText())
                    .isEqualTo("DRAFT");
            assertThat(f.deliveries(hookId, null)).as("nothing written").isEmpty();

            start(campaign);
            WebhookFixture.await("the committed start", PATIENCE,
                    () -> f.deliveries(hookId, "DELIVERED").size() == 1);
            assertThat(crm.received()).as("only the start that happened").hasSize(1);
            assertThat(f.deliveries(hookId, null)).hasSize(1);
        }
    }
}
