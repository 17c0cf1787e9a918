package org.dozvon.dialing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.dozvon.ApplicationTestBase;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialer against the AMI simulator over TCP, in the shared application. */
class DialingTests extends ApplicationTestBase {

    @Autowired
    OperatorPool operators;
    @Autowired
    Alerts alerts;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AmiSimulator simulator;
    @Autowired
    Dialer dialer;
    @Autowired
    DialingProperties properties;
    @Autowired
    PbxPort pbx;
    @Autowired
    DialQueue queue;
    @Autowired
    CallAttemptStore attempts;
    @Autowired
    ConnectorStore connectors;
    @Autowired
    Campaigns campaigns;
    @Autowired
    CampaignPacers pacers;
    @Autowired
    CallerIdChoice callerIds;
    @Autowired
    AttemptOutcomes outcomes;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Clock clock;

    DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    @Test
    void dialsEveryContactOfARunningCampaignOnceAndHandsEachOutcomeToTheStrategy() throws Exception {
        DialingFixture fixture = fixture();
        long campaign = fixture.startedCampaign(fixture.list(6), "");

        DialingFixture.await("six ended calls", Duration.ofSeconds(60), () -> fixture.count(
                "select count(distinct contact_id) from call_attempt where campaign_id = :c and ended_at is not null",
                campaign) == 6);
        DialingFixture.await("six settled first attempts", Duration.ofSeconds(30), () -> fixture.count(
                "select count(*) from call_attempt a join dial_request r on r.id = a.dial_request_id"
                        + " where a.campaign_id = :c and r.state = 'SETTLED'", campaign) >= 6);

        List<Map<String, Object>> rows = fixture.attempts(campaign);
        Map<String, Integer> originates = simulator.originates();
        for (Map<String, Object> row : rows.stream().filter(row -> row.get("ended_at") != null).toList()) {
            assertThat(row.get("call_id")).isEqualTo("dz-" + row.get("dial_request_id"));
            assertThat(originates.get((String) row.get("call_id"))).as("originates of %s", row.get("call_id")).isEqualTo(1);
            assertThat(row.get("state")).as(row.toString()).isEqualTo("SETTLED");
            assertThat(row.get("request_outcome")).as(row.toString()).isEqualTo(row.get("outcome"));
            assertThat(row.get("connector_id")).isEqualTo(1L);
            Timestamp queued = (Timestamp) row.get("queued_at");
            Timestamp originated = (Timestamp) row.get("originated_at");
            Timestamp ended = (Timestamp) row.get("ended_at");
            assertThat(originated).as(row.toString()).isNotNull();
            assertThat(queued).isBeforeOrEqualTo(originated);
            assertThat(originated).isBeforeOrEqualTo(ended);
            if ("ANSWERED".equals(row.get("outcome"))) {
                assertThat(row.get("answered_at")).as(row.toString()).isNotNull();
            }
            if ("MACHINE".equals(row.get("outcome"))) {
                assertThat(row.get("amd_status")).isEqualTo("MACHINE");
            }
            assertThat(row.get("detail")).as(row.toString()).isNotNull();
        }
        assertThat(fixture.count("select count(*) from campaign_contact where campaign_id = :c and attempts >= 1", campaign))
                .isEqualTo(6);
        com.fasterxml.jackson.databind.JsonNode listed = fixture.read(fixture.send("GET",
                "/api/v1/call-attempts?campaignId=" + campaign, null).body()).get("items");
        assertThat(listed.size()).isEqualTo(rows.size());
        assertThat(listed.get(0).get("callId").asText()).isEqualTo(rows.get(rows.size() - 1).get("call_id"));
        assertThat(listed.get(0).has("hangupCause")).isTrue();
    }

    @Test
    void twoDialersCompetingForOneQueueNeverDialTheSameRequestTwice() throws Exception {
        DialingFixture fixture = fixture();
        Dialer first = secondDialer("competing-a");
        Dialer second = secondDialer("competing-b");
        first.listen();
        second.listen();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            long campaign = fixture.startedCampaign(fixture.list(40), "");
            DialingFixture.await("the campaign's requests", Duration.ofSeconds(60), () -> fixture.count(
                    "select count(*) from dial_request where campaign_id = :c", campaign) >= 40);
            // the shared application's dialer competes too: three dialers, one queue
            for (int round = 0; round < 200 && queue.due(clock.instant()).getOrDefault(campaign, 0) > 0; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> ticks = new ArrayList<>();
                for (Dialer dialer : List.of(first, second)) {
                    ticks.add(threads.submit(() -> {
                        together.await();
                        dialer.tick();
                        return null;
                    }));
                }
                for (Future<?> tick : ticks) {
                    tick.get();
                }
            }
            DialingFixture.await("every first call ended", Duration.ofSeconds(60), () -> fixture.count(
                    "select count(distinct contact_id) from call_attempt where campaign_id = :c and ended_at is not null",
                    campaign) == 40);
            DialingFixture.await("no call open", Duration.ofSeconds(30), () -> fixture.count(
                    "select count(*) from call_attempt where campaign_id = :c and ended_at is null", campaign) == 0);

            List<Map<String, Object>> rows = fixture.attempts(campaign);
            Map<String, Integer> originates = simulator.originates();
            assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
            for (Map<String, Object> row : rows) {
                assertThat(originates.get((String) row.get("call_id"))).as("originates of %s", row.get("call_id"))
                        .isEqualTo(1);
            }
            assertThat(rows.stream().map(row -> row.get("node")).distinct().count())
                    .as("calls placed by more than one dialer").isGreaterThan(1);
        } finally {
            threads.shutdownNow();
            first.stop();
            second.stop();
        }
    }

    /** Another dialer on the same database and PBX, as a second Dozvon instance's would be. */
    Dialer secondDialer(String node) {
        DialingProperties own = new DialingProperties(true, node, properties.tick(), properties.ringTimeout(),
                properties.detectMachine(), properties.reconcileInterval(), properties.pbxTimeout(), properties.operatorWait(),
                properties.autoStop(), properties.unansweredRing());
        return new Dialer(own, pbx, queue, attempts, connectors, campaigns, pacers, callerIds, outcomes, operators,
                transactions, publisher, alerts, clock);
    }
}
