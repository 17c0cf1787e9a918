package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dozvon.ApplicationTestBase;
import org.dozvon.dialing.CallControl;
import org.dozvon.dialing.DialingFixture;
import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallEventListener;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workplace's call controls against the AMI simulator over TCP, with customers who stay on the line until
 * Dozvon ends or moves the call: hang up, hold and resume, transfer to another operator and to an IVR number,
 * manual calls outside the queue, and the auto-answer switch.
 */
class CallControlTests extends ApplicationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    CallControl control;
    @Autowired
    AmiSimulator simulator;
    @Autowired
    PbxPort pbx;

    private final List<Long> campaigns = new java.util.ArrayList<>();
    private final List<Long> loggedIn = new java.util.ArrayList<>();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final CallEventListener listener = events::add;

    @BeforeEach
    void customersStay() {
        simulator.customersStay(true);
        pbx.addListener(listener);
    }

    @AfterEach
    void stopEverything() throws Exception {
        pbx.removeListener(listener);
        DialingFixture fixture = fixture();
        for (long campaign : campaigns) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        for (long id : loggedIn) {
            OperatorView operator = operators.operator(id).orElseThrow();
            if (operator.attemptId() != null) {
                control.hangUp(operator.attemptId());
            }
        }
        simulator.customersStay(false);
        DialingFixture.await("operators free", WAIT, () -> {
            for (long id : loggedIn) {
                OperatorView operator = operators.operator(id).orElseThrow();
                if (operator.state() == OperatorState.WRAP_UP) {
                    operators.finishWrapUp(id, operator.attemptId(), null, null);
                }
            }
            return loggedIn.stream().allMatch(id -> !operators.operator(id).orElseThrow().state().holdsCall());
        });
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    DialingFixture fixture() {
        return new DialingFixture(port, ADMIN_PASSWORD, jdbc);
    }

    private long operator(String name, String endpoint, OperatorState state) {
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(name, null, endpoint, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        assertThat(operators.changeState(saved.id(), state)).isEqualTo(Operators.StateChange.NOW);
        loggedIn.add(saved.id());
        return saved.id();
    }

    private OperatorView operator(long id) {
        return operators.operator(id).orElseThrow();
    }

    /** A progressive campaign of one contact, machine detection off; started. */
    private long campaign(DialingFixture fixture) throws Exception {
        long id = fixture.startedCampaign(fixture.list(1),
                "\"dialing\": {\"mode\": \"PROGRESSIVE\", \"detectMachine\": false, \"wrapUpSeconds\": 600}");
        campaigns.add(id);
        return id;
    }

    /** Waits until the operator talks on a call; its attempt id. */
    private long inCall(long operatorId) throws InterruptedException {
        DialingFixture.await("operator " + operatorId + " in a call", WAIT,
                () -> operator(operatorId).state() == OperatorState.IN_CALL);
        return operator(operatorId).attemptId();
    }

    private String code(DialingFixture fixture, String name) throws Exception {
        String code = name + "_" + fixture.suffix.toUpperCase();
        assertThat(fixture.send("POST", "/api/v1/completion-codes", """
                {"code": "%s", "name": "%s", "category": "ANSWERED", "resolution": "SUCCESS"}""".formatted(code, name))
                .statusCode()).isEqualTo(201);
        return code;
    }

    private Map<String, Object> request(long attemptId) {
        return jdbc.sql("select state, outcome, completion_code, manual from dial_request where id = :id")
                .param("id", attemptId).query().singleRow();
    }

    private List<String> bridgedChannels(long attemptId) {
        return events.stream().filter(e -> e instanceof CallEvent.CallBridged
                        && e.callId().value().equals("dz-" + attemptId))
                .map(e -> ((CallEvent.CallBridged) e).operatorChannel()).toList();
    }

    private boolean ended(long attemptId) {
        return jdbc.sql("select ended_at is not null from call_attempt where dial_request_id = :id")
                .param("id", attemptId).query(Boolean.class).single();
    }

    @Test
    void hangingUpEndsTheCallAndTheOperatorWrapsUpOnAnAutoAnsweredPhone() throws Exception {
        DialingFixture fixture = fixture();
        long anna = operator("Hang-up " + fixture.suffix, "PJSIP/hu" + fixture.suffix, OperatorState.READY);
        operators.autoAnswer(anna, true);
        campaign(fixture);
        long attempt = inCall(anna);
        assertThat(simulator.autoAnswered()).as("the phone was dialled with DOZVON_AUTO_ANSWER=yes")
                .contains("PJSIP/hu" + fixture.suffix);

        assertThat(control.hangUp(attempt)).isEqualTo(CallControl.Result.DONE);

        DialingFixture.await("the end of the call", WAIT, () -> ended(attempt));
        DialingFixture.await("the wrap-up", WAIT, () -> operator(anna).state() == OperatorState.WRAP_UP);
        assertThat(jdbc.sql("select outcome from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single()).isEqualTo("ANSWERED");
        assertThat(control.hangUp(attempt)).as("nothing left to hang up").isEqualTo(CallControl.Result.NO_CALL);
    }

    @Test
    void holdThenResumeKeepsTheCallAndConnectsTheOperatorAgain() throws Exception {
        DialingFixture fixture = fixture();
        long boris = operator("Hold " + fixture.suffix, "PJSIP/ho" + fixture.suffix, OperatorState.READY);
        campaign(fixture);
        long attempt = inCall(boris);
        DialingFixture.await("the first bridge", WAIT, () -> bridgedChannels(attempt).size() == 1);

        assertThat(control.hold(attempt)).isEqualTo(CallControl.Result.DONE);
        assertThat(control.held(attempt)).isTrue();
        assertThat(control.hold(attempt)).as("held already").isEqualTo(CallControl.Result.NO_CALL);
        assertThat(control.resume(attempt)).isEqualTo(CallControl.Result.DONE);

        DialingFixture.await("the operator bridged again, off hold", WAIT,
                () -> bridgedChannels(attempt).size() == 2 && !control.held(attempt));
        assertThat(bridgedChannels(attempt)).allMatch(channel -> channel.startsWith("PJSIP/ho" + fixture.suffix))
                .doesNotHaveDuplicates();
        assertThat(ended(attempt)).as("the call goes on").isFalse();
        assertThat(operator(boris).state()).isEqualTo(OperatorState.IN_CALL);
    }

    @Test
    void transferToAnotherOperatorBridgesTheCustomerToItsPhoneAndItsWrapUpSettlesTheAttempt() throws Exception {
        DialingFixture fixture = fixture();
        String sold = code(fixture, "SOLD");
        long first = operator("Transfer A " + fixture.suffix, "PJSIP/ta" + fixture.suffix, OperatorState.READY);
        long campaign = campaign(fixture);
        long attempt = inCall(first);
        long second = operator("Transfer B " + fixture.suffix, "PJSIP/tb" + fixture.suffix, OperatorState.READY);

        assertThat(control.transferToOperator(attempt, first)).as("not to itself")
                .isEqualTo(CallControl.Result.OPERATOR_NOT_READY);
        assertThat(control.transferToOperator(attempt, second)).isEqualTo(CallControl.Result.DONE);

        DialingFixture.await("the second operator in the call", WAIT, () -> operator(second).state() == OperatorState.IN_CALL);
        assertThat(operator(second).attemptId()).isEqualTo(attempt);
        List<String> bridges = bridgedChannels(attempt);
        assertThat(bridges).hasSize(2);
        assertThat(bridges.get(0)).startsWith("PJSIP/ta" + fixture.suffix);
        assertThat(bridges.get(1)).startsWith("PJSIP/tb" + fixture.suffix);
        OperatorView part = operator(first);
        assertThat(part.state()).isEqualTo(OperatorState.WRAP_UP);
        assertThat(part.handedOver()).isTrue();

        // the first operator's wrap-up is a note: the attempt stays open
        assertThat(operators.finishWrapUp(first, attempt, sold, "wants the manager", null)).isTrue();
        assertThat(operator(first).state()).isEqualTo(OperatorState.READY);
        assertThat(request(attempt).get("state")).isEqualTo("DIALING");

        assertThat(control.hangUp(attempt)).isEqualTo(CallControl.Result.DONE);
        DialingFixture.await("the second operator's wrap-up", WAIT, () -> operator(second).state() == OperatorState.WRAP_UP);
        assertThat(operators.finishWrapUp(second, attempt, sold, "sold by the manager", null)).isTrue();

        DialingFixture.await("the attempt settled", WAIT, () -> "SETTLED".equals(request(attempt).get("state")));
        assertThat(request(attempt).get("completion_code")).isEqualTo(sold);
        assertThat(jdbc.sql("select operator_id from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(Long.class).single()).isEqualTo(second);
        assertThat(jdbc.sql("select comment from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single()).contains("wants the manager").contains("sold by the manager");
        assertThat(fixture.count("select count(*) from dial_request where campaign_id = :c", campaign)).isPositive();
    }

    @Test
    void transferToAnIvrNumberSendsTheCustomerThereAndTheOperatorWrapsUpAtOnce() throws Exception {
        DialingFixture fixture = fixture();
        var created = fixture.send("POST", "/api/v1/ivr-numbers", """
                {"code": "survey-%s", "name": "Survey", "context": "dozvon-ivr", "extension": "s"}"""
                .formatted(fixture.suffix));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long ivan = operator("IVR " + fixture.suffix, "PJSIP/iv" + fixture.suffix, OperatorState.READY);
        campaign(fixture);
        long attempt = inCall(ivan);

        assertThat(control.transferToIvr(attempt, "nowhere")).isEqualTo(CallControl.Result.NO_IVR_NUMBER);
        assertThat(control.transferToIvr(attempt, "survey-" + fixture.suffix)).isEqualTo(CallControl.Result.DONE);

        assertThat(operator(ivan).state()).isEqualTo(OperatorState.WRAP_UP);
        assertThat(operators.finishWrapUp(ivan, attempt, null, "sent to the survey", null)).isTrue();
        DialingFixture.await("the attempt settled", WAIT, () -> "SETTLED".equals(request(attempt).get("state")));
        assertThat(ended(attempt)).as("the customer is still in the IVR").isFalse();
        assertThat(control.hangUp(attempt)).isEqualTo(CallControl.Result.DONE);
        DialingFixture.await("the end of the call", WAIT, () -> ended(attempt));
    }

    @Test
    void manualCallsOutsideTheQueueReachTheStrategyOrAreSettledAsManual() throws Exception {
        DialingFixture fixture = fixture();
        String sold = code(fixture, "MANUAL");
        // paused: the campaign's queue gives it nothing
        long maria = operator("Manual " + fixture.suffix, "PJSIP/ma" + fixture.suffix, OperatorState.NOT_READY);
        long campaign = campaign(fixture);
        DialingFixture.await("the contact's request queued", WAIT, () -> fixture.count(
                "select count(*) from dial_request where campaign_id = :c and state = 'QUEUED'", campaign) == 1);
        long contact = fixture.count("select contact_id from dial_request where campaign_id = :c", campaign);
        long queued = fixture.count("select id from dial_request where campaign_id = :c and state = 'QUEUED'", campaign);

        // by contact id: the request its strategy waits for is dialled now
        CallControl.Dialled byContact = control.manualDial(maria, null, contact, campaign);
        assertThat(byContact.result()).isEqualTo(CallControl.Result.DONE);
        assertThat(byContact.attemptId()).isEqualTo(queued);
        assertThat(control.manualDial(maria, "+79001112233", null, campaign).result())
                .as("one call at a time").isEqualTo(CallControl.Result.OPERATOR_BUSY);
        long first = inCall(maria);
        control.hangUp(first);
        DialingFixture.await("the wrap-up", WAIT, () -> operator(maria).state() == OperatorState.WRAP_UP);
        assertThat(operators.finishWrapUp(maria, first, sold, null, null)).isTrue();
        DialingFixture.await("the strategy got the outcome", WAIT, () -> "SETTLED".equals(request(first).get("state")));
        assertThat(request(first).get("completion_code")).isEqualTo(sold);
        assertThat(request(first).get("manual")).isEqualTo(false);
        assertThat(operator(maria).state()).as("paused again after the call").isEqualTo(OperatorState.NOT_READY);

        // by a number nobody queued: an attempt of its own, settled with the operator's code
        assertThat(control.manualDial(maria, "not a number", null, campaign).result())
                .isEqualTo(CallControl.Result.BAD_NUMBER);
        String number = "+7901" + String.format("%07d", Math.floorMod(fixture.suffix.hashCode(), 10_000_000));
        CallControl.Dialled byNumber = control.manualDial(maria, number, null, campaign);
        assertThat(byNumber.result()).isEqualTo(CallControl.Result.DONE);
        long second = inCall(maria);
        assertThat(second).isEqualTo(byNumber.attemptId());
        assertThat(jdbc.sql("select number from call_attempt where dial_request_id = :id").param("id", second)
                .query(String.class).single()).isEqualTo(number);
        control.hangUp(second);
        DialingFixture.await("the wrap-up", WAIT, () -> operator(maria).state() == OperatorState.WRAP_UP);
        assertThat(operators.finishWrapUp(maria, second, sold, "called by hand", null)).isTrue();
        DialingFixture.await("the manual attempt settled", WAIT, () -> "SETTLED".equals(request(second).get("state")));
        assertThat(request(second)).containsEntry("manual", true).containsEntry("completion_code", sold)
                .containsEntry("outcome", "ANSWERED");
    }

    @Test
    void ivrNumbersAreKeptThroughTheApiAndRefusedWhenInvalid() throws Exception {
        DialingFixture fixture = fixture();
        String code = "menu-" + fixture.suffix;
        var created = fixture.send("POST", "/api/v1/ivr-numbers", """
                {"code": "%s", "name": "Main menu", "context": "dozvon-ivr", "extension": "100",
                 "description": "press 1 to pay"}""".formatted(code));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = fixture.read(created.body()).get("id").asLong();
        assertThat(fixture.send("GET", "/api/v1/ivr-numbers", null).body()).contains(code);

        var duplicate = fixture.send("POST", "/api/v1/ivr-numbers", """
                {"code": "%s", "name": "Again", "context": "dozvon-ivr", "extension": "s"}""".formatted(code.toUpperCase()));
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(duplicate.body()).contains("code");
        var invalid = fixture.send("POST", "/api/v1/ivr-numbers", """
                {"code": "bad code", "name": " ", "context": "has,comma", "extension": ""}""");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"code\"").contains("\"name\"").contains("\"context\"").contains("\"extension\"");

        var updated = fixture.send("PUT", "/api/v1/ivr-numbers/" + id, """
                {"code": "%s", "name": "Payments", "context": "dozvon-ivr", "extension": "200"}""".formatted(code));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(fixture.read(fixture.send("GET", "/api/v1/ivr-numbers/" + id, null).body()).get("extension").asText())
                .isEqualTo("200");
        assertThat(fixture.send("DELETE", "/api/v1/ivr-numbers/" + id, null).statusCode()).isEqualTo(204);
        assertThat(fixture.send("DELETE", "/api/v1/ivr-numbers/" + id, null).statusCode()).isEqualTo(404);
        assertThat(fixture.send("GET", "/api/v1/ivr-numbers/" + id, null).statusCode()).isEqualTo(404);
    }
}
