package org.dozvon.dialing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.dozvon.telephony.TelephonyProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialing guards over TCP: a Dozvon of its own dialling a simulator the test controls, whose customers either
 * all meet congestion (FAILED) or all answer and talk for ten minutes. The simulator is swapped for another on the same
 * port when a test needs the other behaviour, which the adapter sees as a PBX that went away and came back.
 */
class DialingGuardTests {

    static final String NODE = "guard-node";
    /** Every call meets congestion after 100 ms of ringing. */
    static final TelephonyProperties.Simulator CONGESTION = SwitchableSimulator.behaviour(0, 1, Duration.ofMinutes(10));
    /** Every customer answers at once and talks for ten minutes, unless the test hangs up. */
    static final TelephonyProperties.Simulator TALKATIVE = SwitchableSimulator.behaviour(1, 0, Duration.ofMinutes(10));

    static SwitchableSimulator pbx;
    static ConfigurableApplicationContext app;
    /** A new one for each test (its lists and campaigns have names of their own). */
    static DialingFixture fixture;

    @BeforeAll
    static void aDozvonOfItsOwnAndItsPbx() {
        pbx = new SwitchableSimulator(TALKATIVE);
        String[] settings = pbx.dozvonSettings();
        app = TestApplications.start(TestDataDirectories.fresh("dialing-guards"),
                "DOZVON_ADMIN_PASSWORD=" + ApplicationTestBase.ADMIN_PASSWORD,
                settings[0], settings[1], settings[2], settings[3],
                "dozvon.dialing.node=" + NODE,
                "dozvon.dialing.tick=200ms",
                "dozvon.dialing.ring-timeout=5s",
                "dozvon.dialing.reconcile-interval=500ms");
    }

    @BeforeEach
    void aFixtureOfItsOwn() {
        fixture = new DialingFixture(TestApplications.port(app), ApplicationTestBase.ADMIN_PASSWORD,
                app.getBean(JdbcClient.class));
    }

    @AfterAll
    static void closeBoth() {
        if (app != null) {
            app.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    /** The PBX behaves so from now on: another simulator on the same port, Dozvon connected to it, no outage open. */
    static void pbxThat(TelephonyProperties.Simulator wanted) throws Exception {
        pbx.become(wanted, app);
        DialingFixture.await("no PBX outage open", Duration.ofSeconds(30), () -> {
            try {
                return unresolvedOutages().isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static List<JsonNode> unresolvedOutages() throws Exception {
        JsonNode items = fixture.read(fixture.send("GET", "/api/v1/alerts?limit=500", null).body()).get("items");
        List<JsonNode> outages = new java.util.ArrayList<>();
        items.forEach(alert -> {
            if (alert.get("kind").asText().equals("CONNECTOR_DOWN") && alert.get("resolvedAt").isNull()) {
                outages.add(alert);
            }
        });
        return outages;
    }

    static String status(long campaign) throws Exception {
        return fixture.read(fixture.send("GET", "/api/v1/campaigns/" + campaign, null).body()).get("status").asText();
    }

    static JsonNode alertsOf(long campaign, boolean open) throws Exception {
        return fixture.read(fixture.send("GET", "/api/v1/alerts?campaignId=" + campaign + "&open=" + open, null).body())
                .get("items");
    }

    @Test
    void aCampaignWhoseCallsFailFiveTimesInARowIsPausedAndResumesOnlyOnceItsAlertIsAcknowledged() throws Exception {
        pbxThat(CONGESTION);
        long campaign = fixture.startedCampaign(fixture.list(8), "\"maxLines\": 2");

        DialingFixture.await("the campaign paused", Duration.ofSeconds(60), () -> {
            try {
                return status(campaign).equals("PAUSED");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DialingFixture.await("the calls in flight ended", Duration.ofSeconds(30), () -> fixture.count(
                "select count(*) from call_attempt where campaign_id = :c and ended_at is null", campaign) == 0);

        List<Map<String, Object>> attempts = fixture.attempts(campaign);
        // two lines: the call beside the fifth failure, and one a tick may place before the pause commits
        assertThat(attempts).hasSizeBetween(5, 7);
        assertThat(attempts).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("FAILED"));
        JsonNode alerts = alertsOf(campaign, true);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("kind").asText()).isEqualTo("AUTO_STOP");
        assertThat(alert.get("node").asText()).isEqualTo(NODE);
        assertThat(alert.get("parameters").get("failures").asInt()).isEqualTo(5);
        assertThat(alert.get("parameters").get("details")).hasSize(5)
                .allSatisfy(detail -> assertThat(detail.asText()).isNotBlank());
        List<Long> dialled = attempts.stream().map(row -> (Long) row.get("dial_request_id")).toList();
        List<Long> counted = new java.util.ArrayList<>();
        alert.get("parameters").get("attempts").forEach(id -> counted.add(id.asLong()));
        assertThat(counted).hasSize(5).doesNotHaveDuplicates();
        assertThat(dialled).containsAll(counted);

        HttpResponse<String> refused = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/resume", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(fixture.read(refused.body()).get("errors").get("alert").asText())
                .startsWith("Alert #" + alert.get("id").asLong() + " ");

        HttpResponse<String> acknowledged = fixture.send("POST", "/api/v1/alerts/" + alert.get("id").asLong()
                + "/acknowledge", null);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        HttpResponse<String> resumed = fixture.send("POST", "/api/v1/campaigns/" + campaign + "/resume", null);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(fixture.read(resumed.body()).get("status").asText()).isEqualTo("RUNNING");
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void fourFailedCallsDoNotPauseACampaign() throws Exception {
        pbxThat(CONGESTION);
        long campaign = fixture.startedCampaign(fixture.list(4), "");

        DialingFixture.await("four settled failures", Duration.ofSeconds(60), () -> fixture.count("""
                select count(*) from call_attempt a join dial_request r on r.id = a.dial_request_id
                where a.campaign_id = :c and a.outcome = 'FAILED' and r.state = 'SETTLED'""", campaign) == 4);

        assertThat(status(campaign)).isEqualTo("RUNNING");
        assertThat(alertsOf(campaign, false)).isEmpty();
        assertThat(app.getBean(AutoStopGuard.class).currentRun(campaign)).isEqualTo(4);
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }

    @Test
    void aPbxConnectionThatDropsRaisesAnAlertResolvedWhenItIsBackAndItsCallsAreReconciled() throws Exception {
        pbxThat(TALKATIVE);
        long campaign = fixture.startedCampaign(fixture.list(3), "");
        DialingFixture.await("three answered calls", Duration.ofSeconds(60), () -> fixture.count(
                "select count(*) from call_attempt where campaign_id = :c and answered_at is not null", campaign) == 3);
        List<String> calls = fixture.attempts(campaign).stream().map(row -> (String) row.get("call_id")).toList();

        pbx.current().stopListening();
        DialingFixture.await("a connector-down alert", Duration.ofSeconds(30), () -> {
            try {
                return unresolvedOutages().size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode outage = unresolvedOutages().get(0);
        assertThat(outage.get("node").asText()).isEqualTo(NODE);
        assertThat(outage.get("open").asBoolean()).isTrue();
        assertThat(outage.get("message").asText()).startsWith("Dialer node " + NODE + " lost its PBX connection (ASTERISK at");
        assertThat(pbx.current().customerHangsUp(calls.get(0))).as("the first call ends while nobody listens").isTrue();
        pbx.current().resumeListening();

        DialingFixture.await("the outage resolved", Duration.ofSeconds(60), () -> {
            try {
                return unresolvedOutages().isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode resolved = fixture.read(fixture.send("GET", "/api/v1/alerts/" + outage.get("id").asLong(), null).body());
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();
        assertThat(resolved.get("open").asBoolean()).as("still to be acknowledged").isTrue();
        DialingFixture.await("the call that ended meanwhile settled", Duration.ofSeconds(30), () -> fixture.count(
                "select count(*) from call_attempt where campaign_id = :c and ended_at is not null", campaign) == 1);
        Map<String, Object> lost = fixture.attempts(campaign).get(0);
        assertThat(lost.get("call_id")).isEqualTo(calls.get(0));
        assertThat((String) lost.get("detail")).contains("while the AMI connection was down");
        assertThat(lost.get("outcome")).isEqualTo("ANSWERED");

        assertThat(pbx.current().customerHangsUp(calls.get(1))).as("the others were followed through the outage").isTrue();
        assertThat(pbx.current().customerHangsUp(calls.get(2))).isTrue();
        DialingFixture.await("every call settled", Duration.ofSeconds(30), () -> fixture.count(
                "select count(*) from dial_request where campaign_id = :c and state = 'SETTLED'", campaign) == 3);
        assertThat(fixture.attempts(campaign)).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ANSWERED"));
        Map<String, Integer> originates = pbx.current().originates();
        calls.forEach(call -> assertThat(originates.get(call)).as("originates of %s", call).isEqualTo(1));
        fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
    }
}
