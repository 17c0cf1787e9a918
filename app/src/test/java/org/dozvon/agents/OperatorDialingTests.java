package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.dialing.DialingFixture;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns with operators against the AMI simulator over TCP: the dialer routes free operators to campaigns,
 * connects answered persons to them (progressive, predictive) or places the call an operator previewed, machines
 * never reach an operator, and a call an operator talked on reaches the strategy with the wrap-up's code.
 */
class OperatorDialingTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    OperatorBots bots;
    @Autowired
    AmiSimulator simulator;

    private final List<Long> campaigns = new java.util.ArrayList<>();
    private final List<Long> loggedIn = new java.util.ArrayList<>();

    @AfterEach
    void stopCampaignsAndLogOut() throws Exception {
        DialingFixture fixture = fixture();
        for (long campaign : campaigns) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        DialingFixture.await("operators free", Duration.ofSeconds(30), () -> loggedIn.stream()
                .allMatch(id -> !operators.operator(id).orElseThrow().state().holdsCall()));
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    private long operator(String name, String endpoint) {
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(name, null, endpoint, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        assertThat(operators.changeState(saved.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);
        loggedIn.add(saved.id());
        return saved.id();
    }

    private long campaign(DialingFixture fixture, int contacts, String dialing) throws Exception {
        long id = fixture.startedCampaign(fixture.list(contacts), "\"dialing\": " + dialing);
        campaigns.add(id);
        return id;
    }

    private void awaitSettled(DialingFixture fixture, long campaign, int contacts) throws InterruptedException {
        DialingFixture.await(contacts + " contacts with a settled attempt", Duration.ofSeconds(90), () -> fixture.count(
                "select count(distinct r.contact_id) from dial_request r where r.campaign_id = :c and r.state = 'SETTLED'",
                campaign) == contacts);
    }

    /** What holds for every call of a campaign with operators, whatever the mode. */
    private void assertOperatorInvariants(DialingFixture fixture, long campaign) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        select a.call_id, a.outcome, a.amd_status, a.bridged_at, a.operator_id, a.waiting_at
                        from call_attempt a where a.campaign_id = :c""").param("c", campaign).query().listOfRows();
        Map<String, Integer> originates = simulator.originates();
        for (Map<String, Object> row : rows) {
            assertThat(originates.getOrDefault((String) row.get("call_id"), 0)).as("originates of %s", row.get("call_id"))
                    .isLessThanOrEqualTo(1);
            if (row.get("bridged_at") != null) {
                assertThat(row.get("operator_id")).as("operator of bridged %s", row).isNotNull();
                assertThat(row.get("amd_status")).as("a machine reached an operator: %s", row).isNotEqualTo("MACHINE");
            }
            if ("MACHINE".equals(row.get("outcome"))) {
                assertThat(row.get("bridged_at")).as(row.toString()).isNull();
            }
        }
        assertThat(rows.stream().filter(row -> row.get("bridged_at") != null).count())
                .as("calls that reached an operator").isPositive();
    }

    @Test
    void progressiveCampaignConnectsAnsweredPersonsToItsFreeOperatorsAndSettlesEachAfterTheWrapUp() throws Exception {
        DialingFixture fixture = fixture();
        long first = operator("Progressive A " + fixture.suffix, "PJSIP/pa" + fixture.suffix);
        long second = operator("Progressive B " + fixture.suffix, "PJSIP/pb" + fixture.suffix);
        long campaign = campaign(fixture, 12, "{\"mode\": \"PROGRESSIVE\", \"wrapUpSeconds\": 0}");

        awaitSettled(fixture, campaign, 12);

        assertOperatorInvariants(fixture, campaign);
        // persons were connected only to the campaign's two operators, and only to a free one (one call at a time)
        List<Long> served = jdbc.sql("select distinct operator_id from call_attempt where campaign_id = :c"
                + " and operator_id is not null").param("c", campaign).query(Long.class).list();
        assertThat(served).isSubsetOf(first, second);
        assertThat(fixture.count("""
                select count(*) from call_attempt a join call_attempt b
                  on a.operator_id = b.operator_id and a.dial_request_id < b.dial_request_id
                 and a.bridged_at is not null and b.bridged_at is not null
                 and b.bridged_at < a.ended_at
                where a.campaign_id = :c""", campaign)).as("an operator bridged to two persons at once").isZero();
    }

    @Test
    void predictiveCampaignWorkedByBotsGivesTheStrategyTheBotsCompletionCodes() throws Exception {
        DialingFixture fixture = fixture();
        String code = "SOLD_" + fixture.suffix.toUpperCase();
        assertThat(fixture.send("POST", "/api/v1/completion-codes", """
                {"code": "%s", "name": "Sold", "category": "ANSWERED", "resolution": "SUCCESS"}""".formatted(code))
                .statusCode()).isEqualTo(201);
        var group = fixture.send("POST", "/api/v1/code-groups",
                "{\"name\": \"Sales %s\", \"codes\": [\"%s\"]}".formatted(fixture.suffix, code));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        long groupId = fixture.read(group.body()).get("id").asLong();
        loggedIn.addAll(bots.ensure(3));
        long campaign = fixture.startedCampaign(fixture.list(15), """
                "completionCodeGroupId": %d, "dialing": {"mode": "PREDICTIVE", "wrapUpSeconds": 5}""".formatted(groupId));
        campaigns.add(campaign);

        awaitSettled(fixture, campaign, 15);

        assertOperatorInvariants(fixture, campaign);
        long bridged = fixture.count("select count(*) from call_attempt where campaign_id = :c and bridged_at is not null",
                campaign);
        assertThat(fixture.count("select count(*) from dial_request r join call_attempt a on a.dial_request_id = r.id"
                + " where r.campaign_id = :c and a.bridged_at is not null and r.completion_code = '" + code + "'",
                campaign)).as("bridged calls settled with the bots' code").isEqualTo(bridged);
    }

    @Test
    void previewCampaignReservesAnOperatorWithTheContactFirstAndPlacesTheCallToThatOperator() throws Exception {
        DialingFixture fixture = fixture();
        loggedIn.addAll(bots.ensure(1));
        long campaign = campaign(fixture, 4, "{\"mode\": \"PREVIEW\", \"previewSeconds\": 20, \"wrapUpSeconds\": 0}");

        awaitSettled(fixture, campaign, 4);

        assertOperatorInvariants(fixture, campaign);
        // every call was reserved for the bot before it was placed, and placed by the bot's "dial now" (well
        // before the 20 s preview time ran out would have placed it)
        assertThat(fixture.count("select count(*) from call_attempt where campaign_id = :c and operator_id is null",
                campaign)).isZero();
        assertThat(fixture.count("select count(*) from call_attempt where campaign_id = :c"
                + " and originated_at > queued_at + interval '20 seconds'", campaign)).isZero();
    }
}
