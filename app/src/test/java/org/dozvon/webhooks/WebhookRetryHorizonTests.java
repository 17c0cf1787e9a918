package org.dozvon.webhooks;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery its CRM refuses for 24 hours is FAILED, highlighted in the delivery log with a "Redeliver" button that
 * sends it again, once. Time is the application's injected clock, moved by the test (a side application whose clock
 * is a {@link MovableClock}).
 */
class WebhookRetryHorizonTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aDeliveryRefusedForTwentyFourHoursFailsAndItsRedeliverButtonSendsItOnceTheCrmIsBack() {
        Path dataDir = TestDataDirectories.fresh("webhooks-horizon");
        try (WebhookReceiver crm = new WebhookReceiver();
             ConfigurableApplicationContext app = TestApplications.start(dataDir, new Class<?>[] {MovableClock.Beans.class},
                     "DOZVON_ADMIN_PASSWORD=" + ApplicationTestBase.ADMIN_PASSWORD,
                     "dozvon.agents.bots=0",
                     "dozvon.webhooks.poll-interval=100ms",
                     "dozvon.webhooks.first-retry=200ms",
                     "dozvon.webhooks.max-retry=1s",
                     "dozvon.webhooks.retry-for=24h")) {
            crm.answer(503);
            MovableClock clock = app.getBean(MovableClock.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int port = TestApplications.port(app);
            WebhookFixture f = new WebhookFixture(port, ApplicationTestBase.ADMIN_PASSWORD);
            JsonNode hook = f.subscribe(crm.url(), null, "import.finished");
            long id = hook.get("id").asLong();
            PortalClient admin = new PortalClient(port);
            admin.login("admin", ApplicationTestBase.ADMIN_PASSWORD);

            String list = admin.get("/settings/webhooks").body();
            assertThat(admin.postFormWithTokenOf(list, "/settings/webhooks/" + id + "/test", Map.of()).statusCode())
                    .isEqualTo(302);
            WebhookFixture.await("two refused attempts", PATIENCE, () -> crm.received().size() >= 2);
            assertThat(f.onlyDelivery(id).get("state").asText()).as("retried within the day").isEqualTo("PENDING");

            clock.move(Duration.ofHours(24).plusMinutes(1));
            WebhookFixture.await("the delivery failed", PATIENCE,
                    () -> f.onlyDelivery(id).get("state").asText().equals("FAILED"));
            JsonNode failed = f.onlyDelivery(id);
            int attempts = failed.get("attempts").asInt();
            assertThat(attempts).isEqualTo(crm.received().size());
            assertThat(failed.get("lastError").asText()).startsWith("HTTP 503");
            assertThat(failed.get("nextAttemptAt").isNull()).isTrue();

            // a day later the portal session is past its absolute lifetime (dozvon.access.session-lifetime): sign in again
            admin = new PortalClient(port);
            admin.login("admin", ApplicationTestBase.ADMIN_PASSWORD);
            String overview = admin.get("/settings/webhooks").body();
            assertThat(overview).contains("1 failed").contains("table-danger");
            String log = admin.get("/settings/webhooks/" + id + "/deliveries?state=FAILED").body();
            long deliveryId = failed.get("id").asLong();
            assertThat(log).contains("data-delivery=\"" + deliveryId + "\"").contains("table-danger")
                    .contains("/settings/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver")
                    .contains("data-confirm=\"Send this webhook.test event again?");

            crm.answer(200);
            HttpResponse<String> redelivered = admin.postFormWithTokenOf(log,
                    "/settings/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver?state=FAILED", Map.of());
            assertThat(redelivered.statusCode()).isEqualTo(302);
            WebhookFixture.await("the redelivery", PATIENCE,
                    () -> f.onlyDelivery(id).get("state").asText().equals("DELIVERED"));

            JsonNode delivered = f.onlyDelivery(id);
            assertThat(delivered.get("attempts").asInt()).as("attempts kept, one more").isEqualTo(attempts + 1);
            List<WebhookReceiver.Received> got = crm.received();
            assertThat(got).hasSize(attempts + 1);
            assertThat(got.stream().filter(r -> r.answered() == 200)).hasSize(1);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.header("Dozvon-Event-Id")).isEqualTo(delivered.get("eventId").asText());
                assertThat(r.signedWith(hook.get("secret").asText())).isTrue();
            });
            assertThat(Long.parseLong(got.get(got.size() - 1).header("Dozvon-Timestamp")))
                    .as("signed at the clock's time").isGreaterThan(java.time.Instant.now().plus(Duration.ofHours(23)).getEpochSecond());
            assertThat(admin.get("/settings/webhooks").body()).doesNotContain("table-danger");
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'webhook.redeliver' and object_id = :id")
                    .param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        }
    }
}
