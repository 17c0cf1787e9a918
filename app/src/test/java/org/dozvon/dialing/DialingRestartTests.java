package org.dozvon.dialing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.dozvon.telephony.TelephonyProperties;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Dozvon stopped mid-campaign without settling its calls (as kill -9 leaves them: DIALING, nobody following)
 * and started again on the same database and the same PBX: a call that ended meanwhile is settled as FAILED
 * "lost", calls still live are followed to their end, and nothing is dialled twice.
 */
class DialingRestartTests {

    @Test
    void callsLeftDialingByAStoppedInstanceAreSettledOrFollowedAfterItsRestartAndNeverDialledAgain() throws Exception {
        // every customer answers at once and talks for ten minutes, unless the test hangs a call up
        TelephonyProperties.Simulator talkative = new TelephonyProperties.Simulator(0, 7L, 1, 0, 0, 0, 0, 0,
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofMillis(100), Duration.ofMillis(100));
        Path dataDir = TestDataDirectories.fresh("dialing-restart");
        try (AmiSimulator pbx = new AmiSimulator(talkative, TelephonyProperties.SIMULATOR_USERNAME,
                TelephonyProperties.SIMULATOR_SECRET).start()) {
            String[] settings = {
                    "DOZVON_ADMIN_PASSWORD=" + ApplicationTestBase.ADMIN_PASSWORD,
                    "dozvon.telephony.ami-host=" + pbx.host(),
                    "dozvon.telephony.ami-port=" + pbx.port(),
                    "dozvon.telephony.ami-username=" + TelephonyProperties.SIMULATOR_USERNAME,
                    "dozvon.telephony.ami-password=" + TelephonyProperties.SIMULATOR_SECRET,
                    "dozvon.dialing.node=restart-node",
                    "dozvon.dialing.tick=200ms",
                    "dozvon.dialing.reconcile-interval=500ms"};
            List<Map<String, Object>> before;
            long campaign;
            try (ConfigurableApplicationContext first = TestApplications.start(dataDir, settings)) {
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                DialingFixture fixture = new DialingFixture(TestApplications.port(first), ApplicationTestBase.ADMIN_PASSWORD,
                        jdbc);
                campaign = fixture.startedCampaign(fixture.list(3), "");
                DialingFixture.await("three answered calls", Duration.ofSeconds(60), () -> fixture.count(
                        "select count(*) from call_attempt where campaign_id = :c and answered_at is not null", campaign) == 3);
                before = fixture.attempts(campaign);
                // the instance goes away without settling anything: its dialer stops as a killed one would
            }
            List<String> calls = before.stream().map(row -> (String) row.get("call_id")).toList();
            assertThat(before).allSatisfy(row -> assertThat(row.get("state")).isEqualTo("DIALING"));
            assertThat(pbx.customerHangsUp(calls.get(0))).as("the first call ends while nobody listens").isTrue();

            try (ConfigurableApplicationContext second = TestApplications.start(dataDir, settings)) {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                DialingFixture fixture = new DialingFixture(TestApplications.port(second), ApplicationTestBase.ADMIN_PASSWORD,
                        jdbc);
                DialingFixture.await("the lost call settled", Duration.ofSeconds(60), () -> fixture.count(
                        "select count(*) from dial_request where campaign_id = :c and state = 'SETTLED'", campaign) == 1);
                Dialer dialer = second.getBean(Dialer.class);
                DialingFixture.await("the live calls followed", Duration.ofSeconds(30), () -> dialer.followedAfterRestart() == 2);

                Map<String, Object> lost = fixture.attempts(campaign).get(0);
                assertThat(lost.get("call_id")).isEqualTo(calls.get(0));
                assertThat(lost.get("request_outcome")).isEqualTo("FAILED");
                assertThat(lost.get("outcome")).isEqualTo("FAILED");
                assertThat((String) lost.get("detail")).startsWith("lost");
                assertThat(fixture.attempts(campaign).subList(1, 3))
                        .allSatisfy(row -> assertThat(row.get("state")).isEqualTo("DIALING"));

                assertThat(pbx.customerHangsUp(calls.get(1))).isTrue();
                assertThat(pbx.customerHangsUp(calls.get(2))).isTrue();
                DialingFixture.await("the followed calls settled", Duration.ofSeconds(30), () -> fixture.count(
                        "select count(*) from dial_request where campaign_id = :c and state = 'SETTLED'", campaign) == 3);
                List<Map<String, Object>> after = fixture.attempts(campaign);
                for (Map<String, Object> row : after.subList(1, 3)) {
                    assertThat(row.get("request_outcome")).as(row.toString()).isEqualTo("ANSWERED");
                    assertThat(row.get("ended_at")).isNotNull();
                }
                Map<String, Integer> originates = pbx.originates();
                for (Map<String, Object> row : after.subList(0, 3)) {
                    assertThat(originates.get((String) row.get("call_id"))).as("originates of %s", row.get("call_id"))
                            .isEqualTo(1);
                }
            }
        }
    }
}
