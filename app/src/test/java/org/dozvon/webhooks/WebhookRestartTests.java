package org.dozvon.webhooks;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Dozvon that stops after an event is committed but before it is delivered (its sender switched off, as one killed
 * at that moment would leave it) delivers it after its restart on the same database, once.
 */
class WebhookRestartTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void anEventCommittedBeforeARestartIsDeliveredAfterItExactlyOnce() {
        Path dataDir = TestDataDirectories.fresh("webhooks-restart");
        String[] settings = {
                "DOZVON_ADMIN_PASSWORD=" + ApplicationTestBase.ADMIN_PASSWORD,
                "dozvon.agents.bots=0",
                "dozvon.webhooks.poll-interval=100ms",
                "dozvon.webhooks.first-retry=200ms"};
        try (WebhookReceiver crm = new WebhookReceiver()) {
            long hookId;
            long campaign;
            String secret;
            try (ConfigurableApplicationContext first = TestApplications.start(dataDir,
                    append(settings, "dozvon.webhooks.send=false"))) {
                WebhookFixture f = new WebhookFixture(TestApplications.port(first), ApplicationTestBase.ADMIN_PASSWORD);
                campaign = f.campaign(f.contactList(), "\"endless\": true");
                JsonNode hook = f.subscribe(crm.url(), campaign, "campaign.state.changed");
                hookId = hook.get("id").asLong();
                secret = hook.get("secret").asText();
                f.start(campaign);
                JsonNode waiting = f.onlyDelivery(hookId);
                assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
                assertThat(waiting.get("attempts").asInt()).isZero();
            }
            assertThat(crm.received()).as("nothing sent before the restart").isEmpty();

            try (ConfigurableApplicationContext second = TestApplications.start(dataDir, settings)) {
                WebhookFixture f = new WebhookFixture(TestApplications.port(second), ApplicationTestBase.ADMIN_PASSWORD);
                WebhookFixture.await("the delivery after the restart", PATIENCE,
                        () -> f.onlyDelivery(hookId).get("state").asText().equals("DELIVERED"));
                assertThat(crm.received()).hasSize(1);
                WebhookReceiver.Received received = crm.received().get(0);
                assertThat(received.signedWith(secret)).as("signed with the secret sealed before the restart").isTrue();
                assertThat(received.json().get("campaignId").asLong()).isEqualTo(campaign);
                assertThat(received.json().get("data").get("change").asText()).isEqualTo("started");
                assertThat(f.onlyDelivery(hookId).get("attempts").asInt()).isEqualTo(1);
            }
        }
    }

    private static String[] append(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }
}
