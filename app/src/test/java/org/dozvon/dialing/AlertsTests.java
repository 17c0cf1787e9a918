package org.dozvon.dialing;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.campaigns.OutcomeCategory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-stop in the shared application, driven by the calls' ends the dialer publishes ({@link CallAttemptEnded}) with
 * the times the test chooses, for running campaigns without contacts (so no real call interleaves); and the alerts'
 * pages and API. {@code DialingGuardTests} does the same over TCP against the simulator.
 */
class AlertsTests extends ApplicationTestBase {

    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    ApplicationContext context;

    long attempt = 9_000_000_000L;

    DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    void end(long campaign, OutcomeCategory outcome, Instant at) {
        publisher.publishEvent(new CallAttemptEnded(++attempt, campaign, outcome, at,
                outcome == OutcomeCategory.FAILED ? "congestion: Reason 8, cause 34 (Circuit/channel congestion)" : "answered"));
    }

    String status(DialingFixture fixture, long campaign) throws Exception {
        return fixture.read(fixture.send("GET", "/api/v1/campaigns/" + campaign, null).body()).get("status").asText();
    }

    JsonNode alertsOf(DialingFixture fixture, long campaign, boolean open) throws Exception {
        HttpResponse<String> listed = fixture.send("GET", "/api/v1/alerts?campaignId=" + campaign + "&open=" + open, null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return fixture.read(listed.body()).get("items");
    }

    @Test
    void fiveFailedCallsInARowWithinThirtySecondsPauseTheCampaignWithOneAlertThatMustBeAcknowledgedBeforeItResumes()
            throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(0), "");
        Instant t0 = clock.instant();

        for (int i = 0; i < 4; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(i * 7L));
        }
        assertThat(status(fixture, campaign)).as("four failures").isEqualTo("RUNNING");
        end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(29));
        assertThat(status(fixture, campaign)).as("the fifth within 30 s").isEqualTo("PAUSED");
        for (int i = 0; i < 6; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(30 + i)); // calls still in flight when it paused
        }

        JsonNode open = alertsOf(fixture, campaign, true);
        assertThat(open).as("one alert, not one per further failure").hasSize(1);
        JsonNode alert = open.get(0);
        long alertId = alert.get("id").asLong();
        assertThat(alert.get("kind").asText()).isEqualTo("AUTO_STOP");
        assertThat(alert.get("open").asBoolean()).isTrue();
        assertThat(alert.get("parameters").get("failures").asInt()).isEqualTo(5);
        assertThat(alert.get("parameters").get("withinMillis").asLong()).isEqualTo(29_000);
        assertThat(alert.get("parameters").get("limit").asInt()).isEqualTo(5);
        assertThat(alert.get("parameters").get("windowSeconds").asInt()).isEqualTo(30);
        assertThat(alert.get("parameters").get("details")).hasSize(5);
        assertThat(alert.get("parameters").get("details").get(0).asText()).contains("congestion");
        assertThat(alert.get("message").asText()).contains("5 calls of the campaign Dialing " + fixture.suffix)
                .contains("failed in a row within 29 s").contains("5 failed calls within 30 s");

        HttpResponse<String> refused = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/resume", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = fixture.read(refused.body());
        assertThat(problem.get("errors").get("alert").asText()).startsWith("Alert #" + alertId + " (auto-stop at ")
                .contains("is not acknowledged");
        HttpResponse<String> stopped = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(fixture.send("POST", "/api/v1/campaigns/" + campaign + "/start", null).statusCode())
                .as("nor does a stop and a start get round it").isEqualTo(409);

        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        assertThat(portal.get("/contacts").body()).as("the banner on any page")
                .contains("class=\"dz-attention\"").contains("Alerts waiting for an acknowledgement:");
        String fragment = portal.get("/campaigns/" + campaign + "/alert").body();
        assertThat(fragment).contains("data-alert=\"" + alertId + "\"").contains("Paused by auto-stop (alert #" + alertId)
                .contains("congestion").contains("/campaigns/alerts/" + alertId + "/acknowledge?back=campaign");
        String page = portal.get("/campaigns/alerts").body();
        assertThat(page).contains("data-alert=\"" + alertId + "\"").contains("Acknowledge")
                .contains("data-confirm=\"Acknowledge the auto-stop of Dialing " + fixture.suffix);
        assertThat(portal.get("/campaigns/alerts?lang=ru").body()).contains("Автостоп")
                .contains("Звонки кампании Dialing " + fixture.suffix + " 5 раз подряд завершились ошибкой за 29 с");

        HttpResponse<String> acknowledged = portal.postFormWithTokenOf(page, "/campaigns/alerts/" + alertId + "/acknowledge",
                Map.of());
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(acknowledged.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/campaigns/alerts"));

        JsonNode after = fixture.read(fixture.send("GET", "/api/v1/alerts/" + alertId, null).body());
        assertThat(after.get("open").asBoolean()).isFalse();
        assertThat(after.get("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(after.get("acknowledgedAt").isNull()).isFalse();
        assertThat(alertsOf(fixture, campaign, true)).isEmpty();
        assertThat(alertsOf(fixture, campaign, false)).hasSize(1);
        assertThat(portal.get("/campaigns/" + campaign + "/alert").body()).doesNotContain("data-alert");
        HttpResponse<String> again = fixture.send("POST", "/api/v1/alerts/" + alertId + "/acknowledge", null);
        assertThat(again.statusCode()).as("acknowledged once").isEqualTo(409);
        assertThat(fixture.read(again.body()).get("detail").asText()).contains("acknowledged by admin");

        HttpResponse<String> started = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/start", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(status(fixture, campaign)).isEqualTo("RUNNING");
        for (int i = 0; i < 4; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(40 + i));
        }
        assertThat(status(fixture, campaign)).as("failures before the new start do not count").isEqualTo("RUNNING");
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void failuresSpreadBeyondTheWindowOrBrokenByAnotherOutcomeDoNotPause() throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(0), "");
        Instant t0 = clock.instant();

        for (int i = 0; i < 12; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(i * 8L)); // any five span 32 s
        }
        for (int i = 0; i < 4; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(200 + i));
        }
        end(campaign, OutcomeCategory.BUSY, t0.plusSeconds(205));
        for (int i = 0; i < 4; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(206 + i));
        }

        assertThat(status(fixture, campaign)).isEqualTo("RUNNING");
        assertThat(alertsOf(fixture, campaign, false)).isEmpty();
        assertThat(context.getBean(AutoStopGuard.class).currentRun(campaign)).isEqualTo(4);
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void openPagesHearOfANewAlertAndLoadTheirBannerAgain() throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(0), "");
        new TestUsers(context).ensure("alerts-watcher", "Role-Password-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("alerts-watcher", "Role-Password-1");
        assertThat(portal.get("/campaigns/" + campaign).body()).as("the campaign's page asks for its alert only when not running")
                .doesNotContain("/campaigns/" + campaign + "/alert");
        HttpResponse<java.io.InputStream> stream = portal.http().send(
                java.net.http.HttpRequest.newBuilder(portal.uri("/live")).header("Accept", "text/event-stream")
                        .timeout(java.time.Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader events = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(events.readLine()).isEqualTo(":connected");
            Instant t0 = clock.instant();
            for (int i = 0; i < 5; i++) {
                end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(i));
            }

            String line;
            do {
                line = events.readLine(); // ends with the request's timeout should the event never come
            } while (line != null && !line.equals("event:attention"));
            assertThat(line).isEqualTo("event:attention");
            assertThat(events.readLine()).startsWith("data:").contains("hx-get=\"/attention\"")
                    .contains("hx-target=\"#dz-attention\"");
        }
        assertThat(portal.get("/attention").body()).contains("class=\"dz-attention\"")
                .contains("href=\"/campaigns/alerts?open=true\"").contains("Alerts waiting for an acknowledgement:");
        assertThat(portal.get("/campaigns/" + campaign).body()).contains("hx-get=\"/campaigns/" + campaign + "/alert\"");

        long alertId = alertsOf(fixture, campaign, true).get(0).get("id").asLong();
        assertThat(fixture.send("POST", "/api/v1/alerts/" + alertId + "/acknowledge", null).statusCode()).isEqualTo(200);
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void acknowledgingNeedsTheRightToManageCampaignsAndAnAlertThatExists() throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(0), "");
        Instant t0 = clock.instant();
        for (int i = 0; i < 5; i++) {
            end(campaign, OutcomeCategory.FAILED, t0.plusSeconds(i));
        }
        long alertId = alertsOf(fixture, campaign, true).get(0).get("id").asLong();
        new TestUsers(context).ensure("alerts-analyst", "Role-Password-1", false, "ANALYST");
        new TestUsers(context).ensure("alerts-supervisor", "Role-Password-1", false, "SUPERVISOR");
        PortalClient api = portal();

        assertThat(api.api("/api/v1/alerts", "alerts-analyst", "Role-Password-1").statusCode()).isEqualTo(403);
        assertThat(api.apiSend("POST", "/api/v1/alerts/" + alertId + "/acknowledge", null, "alerts-analyst",
                "Role-Password-1").statusCode()).isEqualTo(403);
        HttpResponse<String> missing = fixture.send("POST", "/api/v1/alerts/999999999/acknowledge", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        HttpResponse<String> acknowledged = api.apiSend("POST", "/api/v1/alerts/" + alertId + "/acknowledge", null,
                "alerts-supervisor", "Role-Password-1");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(fixture.read(acknowledged.body()).get("acknowledgedBy").asText()).isEqualTo("alerts-supervisor");
        HttpResponse<String> resumed = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/resume", null);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void anOperatorWhosePhoneRangUnansweredHasOneAlertUntilItTalksToACustomerAgain() throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(1), "");
        Alerts alerts = context.getBean(Alerts.class);
        long operator = 8_000_000L + Math.floorMod(fixture.suffix.hashCode(), 100_000);
        Alert first = alerts.operatorNotAnswering(operator, "Anna " + fixture.suffix, campaign, 41, Duration.ofSeconds(30))
                .orElseThrow();
        assertThat(alerts.operatorNotAnswering(operator, "Anna " + fixture.suffix, campaign, 42, Duration.ofSeconds(30)))
                .as("one alert while the operator has not talked since").isEmpty();
        JsonNode listed = alertsOf(fixture, campaign, true);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("message").asText())
                .isEqualTo("Operator Anna %s did not answer a call of Dialing %1$s: the phone rang 30 s and the customer was lost."
                        .formatted(fixture.suffix));

        assertThat(alerts.operatorAnswered(operator)).map(Alert::resolvedAt).isPresent();
        assertThat(alerts.operatorAnswered(operator)).as("nothing left to resolve").isEmpty();
        Alert again = alerts.operatorNotAnswering(operator, "Anna " + fixture.suffix, campaign, 43, Duration.ofSeconds(25))
                .orElseThrow();
        assertThat(again.id()).isNotEqualTo(first.id());
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }
}
