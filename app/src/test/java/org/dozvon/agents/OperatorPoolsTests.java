package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.Audit;
import org.dozvon.access.AuditEvent;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operator pools and a supervisor's moves: the pool over REST, each change audited; against the AMI simulator over
 * TCP, operators work only the campaigns of their pools, and a busy operator moved to another campaign goes there
 * after its call and is routed as usual again when that campaign stops.
 */
class OperatorPoolsTests extends ApplicationTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    Audit audit;

    private final List<Long> campaigns = new ArrayList<>();
    private final List<Long> loggedIn = new ArrayList<>();

    @AfterEach
    void stopCampaignsAndLogOut() throws Exception {
        DialingFixture fixture = fixture();
        for (long campaign : campaigns) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        // a call still under way ends in a long wrap-up: finish it as the operator would
        DialingFixture.await("operators free", Duration.ofSeconds(30), () -> loggedIn.stream().allMatch(id -> {
            OperatorView operator = operators.operator(id).orElseThrow();
            if (operator.state() == OperatorState.WRAP_UP) {
                operators.finishWrapUp(id, operator.attemptId(), null, null);
            }
            return !operators.operator(id).orElseThrow().state().holdsCall();
        }));
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    private DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    private long operator(DialingFixture fixture, String name, boolean ready) {
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(name + " " + fixture.suffix, null,
                "PJSIP/" + name.toLowerCase() + fixture.suffix, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        if (ready) {
            assertThat(operators.changeState(saved.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);
            loggedIn.add(saved.id());
        }
        return saved.id();
    }

    private long draft(DialingFixture fixture, String name) throws Exception {
        HttpResponse<String> created = fixture.send("POST", "/api/v1/campaigns",
                "{\"name\": \"" + name + " " + fixture.suffix + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return fixture.read(created.body()).get("id").asLong();
    }

    /** A running progressive campaign on a list of its own (a fixture makes one list). */
    private long progressive(int contacts, int wrapUpSeconds) throws Exception {
        DialingFixture own = fixture();
        long id = own.startedCampaign(own.list(contacts),
                "\"dialing\": {\"mode\": \"PROGRESSIVE\", \"wrapUpSeconds\": %d}".formatted(wrapUpSeconds));
        campaigns.add(id);
        return id;
    }

    private List<AuditEvent> audited(long operatorId, String action) {
        return audit.of("operator", operatorId, 50).stream().filter(e -> e.action().equals(action)).toList();
    }

    private long bridged(DialingFixture fixture, long campaign, long operator) {
        return fixture.count("select count(*) from call_attempt where campaign_id = :c and bridged_at is not null"
                + " and operator_id = " + operator, campaign);
    }

    @Test
    void aPoolIsReadAndReplacedOverTheApiAndEachChangeIsAudited() throws Exception {
        DialingFixture fixture = fixture();
        long operator = operator(fixture, "Pooled", false);
        long first = draft(fixture, "Pool first");
        long second = draft(fixture, "Pool second");

        assertThat(fixture.read(fixture.send("GET", "/api/v1/operators/" + operator + "/campaigns", null).body())
                .get("campaigns")).isEmpty();
        HttpResponse<String> put = fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns",
                "{\"campaigns\": [%d, %d]}".formatted(second, first));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode pool = fixture.read(fixture.send("GET", "/api/v1/operators/" + operator + "/campaigns", null).body());
        assertThat(pool.get("campaigns").toString()).isEqualTo("[%d,%d]".formatted(first, second));
        assertThat(fixture.read(fixture.send("GET", "/api/v1/operators/" + operator, null).body()).get("campaigns")
                .toString()).isEqualTo("[%d,%d]".formatted(first, second));
        // the same pool again changes nothing and records nothing
        fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns", "{\"campaigns\": [%d, %d]}".formatted(first, second));
        assertThat(fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns", "{\"campaigns\": []}").statusCode())
                .isEqualTo(200);

        List<AuditEvent> records = audited(operator, "operator.pools");
        assertThat(records).hasSize(2);
        assertThat(records.get(1).username()).isEqualTo("admin");
        assertThat(fixture.read(records.get(1).before()).get("campaigns")).isEmpty();
        assertThat(fixture.read(records.get(1).after()).get("campaigns").toString())
                .isEqualTo("[%d,%d]".formatted(first, second));
        assertThat(fixture.read(records.get(0).after()).get("campaigns")).isEmpty();
        assertThat(operators.campaignsOf(operator)).isEmpty();
    }

    @Test
    void anUnknownOperatorOrCampaignIsNotFoundAndAPoolWithoutCampaignsIsRefused() throws Exception {
        DialingFixture fixture = fixture();
        long operator = operator(fixture, "Unknowns", false);
        long campaign = draft(fixture, "Unknowns");

        assertThat(fixture.send("GET", "/api/v1/operators/999999999/campaigns", null).statusCode()).isEqualTo(404);
        assertThat(fixture.send("PUT", "/api/v1/operators/999999999/campaigns", "{\"campaigns\": [%d]}".formatted(campaign))
                .statusCode()).isEqualTo(404);
        assertThat(fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns", "{\"campaigns\": [999999999]}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> missing = fixture.send("PUT", "/api/v1/operators/" + operator + "/campaigns", "{}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(fixture.read(missing.body()).get("errors").has("campaigns")).isTrue();
        assertThat(fixture.send("POST", "/api/v1/operators/999999999/move", "{\"campaignId\": null}").statusCode())
                .isEqualTo(404);
        assertThat(fixture.send("POST", "/api/v1/operators/" + operator + "/move", "{\"campaignId\": 999999999}")
                .statusCode()).isEqualTo(404);
        assertThat(audited(operator, "operator.pools")).isEmpty();
    }

    @Test
    void aMoveIsRefusedForALoggedOutOperatorAndForACampaignThatIsNotActive() throws Exception {
        DialingFixture fixture = fixture();
        long offline = operator(fixture, "Offline", false);
        long draft = draft(fixture, "Not active");
        long running = fixture.startedCampaign(fixture.list(1), "\"dialing\": {\"mode\": \"PREVIEW\"}");
        campaigns.add(running);

        HttpResponse<String> loggedOut = fixture.send("POST", "/api/v1/operators/" + offline + "/move",
                "{\"campaignId\": %d}".formatted(running));
        assertThat(loggedOut.statusCode()).isEqualTo(422);
        assertThat(fixture.read(loggedOut.body()).get("errors").get("operatorId").asText())
                .contains("Offline " + fixture.suffix);

        long paused = operator(fixture, "Paused", false);
        assertThat(operators.changeState(paused, OperatorState.NOT_READY)).isEqualTo(Operators.StateChange.NOW);
        loggedIn.add(paused);
        HttpResponse<String> notActive = fixture.send("POST", "/api/v1/operators/" + paused + "/move",
                "{\"campaignId\": %d}".formatted(draft));
        assertThat(notActive.statusCode()).isEqualTo(422);
        assertThat(fixture.read(notActive.body()).get("errors").get("campaignId").asText())
                .contains("Not active " + fixture.suffix);
        assertThat(audited(paused, "operator.move")).isEmpty();

        HttpResponse<String> moved = fixture.send("POST", "/api/v1/operators/" + paused + "/move",
                "{\"campaignId\": %d}".formatted(running));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(fixture.read(moved.body()).get("operator").get("pinnedCampaignId").asLong()).isEqualTo(running);
        assertThat(fixture.read(moved.body()).get("effective").asText()).isEqualTo("NOW");
        List<AuditEvent> records = audited(paused, "operator.move");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).before()).isNull();
        assertThat(fixture.read(records.get(0).after()).get("campaignId").asLong()).isEqualTo(running);

        // logging out ends the move
        operators.changeState(paused, OperatorState.OFFLINE);
        assertThat(operators.operator(paused).orElseThrow().pinnedCampaignId()).isNull();
    }

    @Test
    void operatorsWorkOnlyTheCampaignsOfTheirPools() throws Exception {
        DialingFixture fixture = fixture();
        long first = progressive(8, 0);
        long second = progressive(8, 0);
        long anna = operator(fixture, "Anna", false);
        long boris = operator(fixture, "Boris", false);
        fixture.send("PUT", "/api/v1/operators/" + anna + "/campaigns", "{\"campaigns\": [%d]}".formatted(first));
        fixture.send("PUT", "/api/v1/operators/" + boris + "/campaigns", "{\"campaigns\": [%d]}".formatted(second));
        for (long id : List.of(anna, boris)) {
            operators.changeState(id, OperatorState.READY);
            loggedIn.add(id);
        }

        DialingFixture.await("persons connected in both campaigns", Duration.ofSeconds(90),
                () -> bridged(fixture, first, anna) >= 2 && bridged(fixture, second, boris) >= 2);

        assertThat(jdbc.sql("select distinct operator_id from call_attempt where campaign_id = :c and operator_id is not null")
                .param("c", first).query(Long.class).list()).containsOnly(anna);
        assertThat(jdbc.sql("select distinct operator_id from call_attempt where campaign_id = :c and operator_id is not null")
                .param("c", second).query(Long.class).list()).containsOnly(boris);
    }

    @Test
    void aBusyOperatorMovedToAnotherCampaignGoesThereAfterItsCallAndIsFreedWhenThatCampaignStops() throws Exception {
        DialingFixture fixture = fixture();
        // a long wrap-up keeps the operator busy with its first call until the test ends it
        long first = progressive(6, 600);
        long vera = operator(fixture, "Vera", true);
        DialingFixture.await("Vera wrapping up a call of the first campaign", Duration.ofSeconds(60), () -> operators
                .operator(vera).filter(o -> o.state() == OperatorState.WRAP_UP && Long.valueOf(first).equals(o.campaignId()))
                .isPresent());
        long second = progressive(6, 0);

        HttpResponse<String> moved = fixture.send("POST", "/api/v1/operators/" + vera + "/move",
                "{\"campaignId\": %d}".formatted(second));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(fixture.read(moved.body()).get("effective").asText()).isEqualTo("AFTER_CALL");
        OperatorView busy = operators.operator(vera).orElseThrow();
        assertThat(busy.state()).isEqualTo(OperatorState.WRAP_UP);
        assertThat(busy.campaignId()).as("still with the call of the first campaign").isEqualTo(first);

        assertThat(operators.finishWrapUp(vera, busy.attemptId(), null, null)).isTrue();
        assertThat(operators.operator(vera).orElseThrow().campaignId()).as("free: on the second campaign at once")
                .isEqualTo(second);
        DialingFixture.await("a person of the second campaign connected to Vera", Duration.ofSeconds(60),
                () -> bridged(fixture, second, vera) >= 1);
        assertThat(bridged(fixture, first, vera)).as("no call of the first campaign after the move").isEqualTo(1);

        fixture.send("POST", "/api/v1/campaigns/" + second + "/stop", null);
        DialingFixture.await("the move dropped with the stopped campaign", Duration.ofSeconds(30),
                () -> operators.operator(vera).orElseThrow().pinnedCampaignId() == null);
    }
}
