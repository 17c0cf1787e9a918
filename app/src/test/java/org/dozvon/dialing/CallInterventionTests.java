package org.dozvon.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.Audit;
import org.dozvon.access.AuditEvent;
import org.dozvon.access.TestUsers;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.OperatorView;
import org.dozvon.agents.Operators;
import org.dozvon.telephony.CallEvent;
import org.dozvon.telephony.CallEventListener;
import org.dozvon.telephony.PbxPort;
import org.dozvon.telephony.SpyMode;
import org.dozvon.telephony.simulator.AmiSimulator;
import org.dozvon.telephony.simulator.SpyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor's interventions in an operator's call (issue 7, point 2) against the AMI simulator over TCP, with
 * customers who stay on the line: listen, whisper and barge ring the supervisor's phone into ChanSpy on the operator's
 * leg; a take-over moves the customer to the supervisor and the operator wraps up; refusals say why; every
 * intervention is in the audit journal; only CALLS_INTERVENE may intervene.
 */
class CallInterventionTests extends ApplicationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SUPERVISOR_PASSWORD = "Supervisor-Pass-1";
    private static final String OPERATOR_PASSWORD = "Operator-Pass-1";

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
    @Autowired
    Audit audit;
    @Autowired
    ApplicationContext context;

    private final List<Long> campaigns = new ArrayList<>();
    private final List<Long> loggedIn = new ArrayList<>();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final CallEventListener listener = events::add;
    private DialingFixture fixture;

    @BeforeEach
    void customersStay() {
        simulator.customersStay(true);
        pbx.addListener(listener);
        fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        TestUsers users = new TestUsers(context);
        users.ensure("intervening-supervisor", SUPERVISOR_PASSWORD, false, "SUPERVISOR");
        users.ensure("intervening-operator", OPERATOR_PASSWORD, false, "OPERATOR");
    }

    @AfterEach
    void stopEverything() throws Exception {
        pbx.removeListener(listener);
        for (long campaign : campaigns) {
            fixture.send("POST", "/api/v1/campaigns/" + campaign + "/stop", null);
        }
        for (long id : loggedIn) {
            OperatorView operator = operator(id);
            if (operator.attemptId() != null) {
                control.hangUp(operator.attemptId());
            }
        }
        simulator.customersStay(false);
        DialingFixture.await("operators free", WAIT, () -> {
            for (long id : loggedIn) {
                OperatorView operator = operator(id);
                if (operator.state() == OperatorState.WRAP_UP) {
                    operators.finishWrapUp(id, operator.attemptId(), null, null);
                }
            }
            return loggedIn.stream().allMatch(id -> !operator(id).state().holdsCall());
        });
        loggedIn.forEach(id -> operators.changeState(id, OperatorState.OFFLINE));
    }

    private long operator(String name, String endpoint) {
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft(name, null, endpoint, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        assertThat(operators.changeState(saved.id(), OperatorState.READY)).isEqualTo(Operators.StateChange.NOW);
        loggedIn.add(saved.id());
        return saved.id();
    }

    private OperatorView operator(long id) {
        return operators.operator(id).orElseThrow();
    }

    /** A progressive campaign of one contact, machine detection off, with extra JSON members; started. */
    private long campaign(String extra) throws Exception {
        long id = fixture.startedCampaign(fixture.list(1), extra.isEmpty()
                ? "\"dialing\": {\"mode\": \"PROGRESSIVE\", \"detectMachine\": false, \"wrapUpSeconds\": 600}" : extra);
        campaigns.add(id);
        return id;
    }

    /** Waits until the operator talks on a call; its attempt id. */
    private long inCall(long operatorId) throws InterruptedException {
        DialingFixture.await("operator " + operatorId + " in a call", WAIT,
                () -> operator(operatorId).state() == OperatorState.IN_CALL);
        return operator(operatorId).attemptId();
    }

    private List<String> bridgedChannels(long attemptId) {
        return events.stream().filter(e -> e instanceof CallEvent.CallBridged
                        && e.callId().value().equals("dz-" + attemptId))
                .map(e -> ((CallEvent.CallBridged) e).operatorChannel()).toList();
    }

    private List<SpyRequest> spiesOn(long attemptId) {
        return simulator.spies().stream().filter(spy -> ("dz-" + attemptId).equals(spy.spiedCallId())).toList();
    }

    private boolean ended(long attemptId) {
        return jdbc.sql("select ended_at is not null from call_attempt where dial_request_id = :id")
                .param("id", attemptId).query(Boolean.class).single();
    }

    private Map<String, Object> request(long attemptId) {
        return jdbc.sql("select state, outcome, completion_code from dial_request where id = :id")
                .param("id", attemptId).query().singleRow();
    }

    private HttpResponse<String> api(String path, String json) {
        return fixture.send("POST", path, json);
    }

    private PortalClient supervisor() {
        PortalClient portal = portal();
        portal.login("intervening-supervisor", SUPERVISOR_PASSWORD);
        return portal;
    }

    @Test
    void listenWhisperAndBargeRingTheSupervisorIntoChanSpyOnTheOperatorsLegAndAreAudited() throws Exception {
        String suffix = fixture.suffix;
        long olga = operator("Listened " + suffix, "PJSIP/li" + suffix);
        campaign("");
        long attempt = inCall(olga);
        DialingFixture.await("the operator's leg bridged", WAIT, () -> bridgedChannels(attempt).size() == 1);
        String operatorChannel = bridgedChannels(attempt).get(0);

        for (String mode : List.of("LISTEN", "WHISPER", "BARGE")) {
            HttpResponse<String> asked = api("/api/v1/call-attempts/" + attempt + "/listen",
                    "{\"endpoint\": \" PJSIP/sv%s \", \"mode\": \"%s\"}".formatted(suffix, mode.toLowerCase()));
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
            JsonNode body = fixture.read(asked.body());
            assertThat(body.get("action").asText()).isEqualTo("call." + mode.toLowerCase());
            assertThat(body.get("endpoint").asText()).isEqualTo("PJSIP/sv" + suffix);
        }

        DialingFixture.await("three ChanSpy originates", WAIT, () -> spiesOn(attempt).size() == 3);
        assertThat(spiesOn(attempt)).extracting(SpyRequest::options).containsExactly("qE", "qEw", "qEB");
        assertThat(spiesOn(attempt)).allSatisfy(spy -> {
            assertThat(spy.endpoint()).isEqualTo("PJSIP/sv" + suffix);
            assertThat(spy.spiedChannel()).isEqualTo(operatorChannel);
        });
        assertThat(ended(attempt)).as("the customer's call goes on").isFalse();
        assertThat(operator(olga).state()).isEqualTo(OperatorState.IN_CALL);
        assertThat(bridgedChannels(attempt)).hasSize(1);

        List<AuditEvent> journal = audit.of("call", attempt, 10);
        assertThat(journal).extracting(AuditEvent::action)
                .containsExactly("call.barge", "call.whisper", "call.listen");
        for (AuditEvent event : journal) {
            assertThat(event.username()).isEqualTo("admin");
            assertThat(event.objectType()).isEqualTo("call");
            JsonNode after = fixture.read(event.after());
            assertThat(after.get("endpoint").asText()).isEqualTo("PJSIP/sv" + suffix);
            assertThat(after.get("operatorId").asLong()).isEqualTo(olga);
        }

        // the supervisors' legs go with the operator's; the attempt ends once, as the customer's call
        assertThat(simulator.customerHangsUp("dz-" + attempt)).isTrue();
        DialingFixture.await("the end of the call", WAIT, () -> ended(attempt));
        DialingFixture.await("the operator's wrap-up", WAIT, () -> operator(olga).state() == OperatorState.WRAP_UP);
        DialingFixture.await("the supervisors' legs gone", WAIT, () -> spiesOn(attempt).stream()
                .allMatch(spy -> simulator.spyingOn(spy.channelId()).isEmpty()));
        assertThat(events.stream().filter(e -> e instanceof CallEvent.CallEnded)
                .filter(e -> e.callId().value().equals("dz-" + attempt))).hasSize(1);
        assertThat(events).as("the supervisors' legs are no calls of the port")
                .noneMatch(e -> e.callId().value().startsWith("dz-" + attempt + "-spy"));
    }

    @Test
    void takeOverMovesTheCustomerToTheSupervisorTheOperatorWrapsUpAndTheCallsEndSettlesTheAttempt() throws Exception {
        String suffix = fixture.suffix;
        String code = "TAKEN_" + suffix.toUpperCase();
        assertThat(api("/api/v1/completion-codes", """
                {"code": "%s", "name": "Taken over", "category": "ANSWERED", "resolution": "SUCCESS"}"""
                .formatted(code)).statusCode()).isEqualTo(201);
        HttpResponse<String> group = api("/api/v1/code-groups",
                "{\"name\": \"Take-over %s\", \"codes\": [\"%s\"]}".formatted(suffix, code));
        assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
        long petr = operator("Taken from " + suffix, "PJSIP/to" + suffix);
        operators.autoAnswer(petr, true);
        campaign("""
                "completionCodeGroupId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 600, "defaultCode": "%s"}"""
                .formatted(fixture.read(group.body()).get("id").asLong(), code));
        long attempt = inCall(petr);

        PortalClient supervisor = supervisor();
        String monitor = supervisor.get("/monitoring").body();
        HttpResponse<String> taken = supervisor.postFormWithTokenOf(monitor,
                "/monitoring/calls/" + attempt + "/take-over", Map.of("endpoint", "PJSIP/sv" + suffix));

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(taken.body()).contains("id=\"call-intervention\"").contains("data-result=\"DONE\"")
                .contains("data-action=\"call.take-over\"").contains("alert-success").contains("PJSIP/sv" + suffix)
                .doesNotContain("<html");
        DialingFixture.await("the customer bridged to the supervisor", WAIT, () -> bridgedChannels(attempt).size() == 2);
        assertThat(bridgedChannels(attempt).get(1)).startsWith("PJSIP/sv" + suffix + "-");
        assertThat(simulator.autoAnswered()).as("the supervisor's phone is not told to answer by itself")
                .doesNotContain("PJSIP/sv" + suffix);
        OperatorView part = operator(petr);
        assertThat(part.state()).isEqualTo(OperatorState.WRAP_UP);
        assertThat(part.handedOver()).isTrue();
        assertThat(jdbc.sql("select taken_over_to from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single()).isEqualTo("PJSIP/sv" + suffix);
        List<AuditEvent> journal = audit.of("call", attempt, 10);
        assertThat(journal).extracting(AuditEvent::action).containsExactly("call.take-over");
        assertThat(journal.get(0).username()).isEqualTo("intervening-supervisor");
        assertThat(fixture.read(journal.get(0).after()).get("operatorId").asLong()).isEqualTo(petr);
        assertThat(fixture.read(journal.get(0).after()).get("endpoint").asText()).isEqualTo("PJSIP/sv" + suffix);

        // the operator's wrap-up is a note; nobody can join the call any more as it has no operator
        assertThat(operators.finishWrapUp(petr, attempt, null, "the supervisor took it", null)).isTrue();
        assertThat(operator(petr).state()).isEqualTo(OperatorState.READY);
        assertThat(request(attempt).get("state")).isEqualTo("DIALING");
        assertThat(api("/api/v1/call-attempts/" + attempt + "/listen", "{\"endpoint\": \"PJSIP/sv2\"}").statusCode())
                .isEqualTo(409);

        assertThat(simulator.customerHangsUp("dz-" + attempt)).isTrue();
        DialingFixture.await("the attempt settled when the call ended", WAIT,
                () -> "SETTLED".equals(request(attempt).get("state")));
        assertThat(request(attempt)).containsEntry("outcome", "ANSWERED").containsEntry("completion_code", code);
        assertThat(jdbc.sql("select comment from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single()).contains("the supervisor took it");
    }

    @Test
    void refusalsSayWhyInTheApiAndInTheFragment() throws Exception {
        String suffix = fixture.suffix;
        long ivan = operator("Refused " + suffix, "PJSIP/re" + suffix);
        campaign("");
        long attempt = inCall(ivan);
        String path = "/api/v1/call-attempts/" + attempt;

        HttpResponse<String> unknown = api("/api/v1/call-attempts/987654321/take-over", "{\"endpoint\": \"PJSIP/200\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fixture.read(unknown.body()).get("detail").asText()).isEqualTo("There is no call attempt 987654321.");
        HttpResponse<String> badPhone = api(path + "/listen", "{\"endpoint\": \"PJSIP/2,00\", \"mode\": \"LISTEN\"}");
        assertThat(badPhone.statusCode()).isEqualTo(422);
        assertThat(fixture.read(badPhone.body()).get("detail").asText()).contains("'PJSIP/2,00' is not a phone");
        assertThat(api(path + "/take-over", "{}").statusCode()).as("no endpoint").isEqualTo(422);
        HttpResponse<String> badMode = api(path + "/listen", "{\"endpoint\": \"PJSIP/200\", \"mode\": \"SHOUT\"}");
        assertThat(badMode.statusCode()).isEqualTo(422);
        assertThat(fixture.read(badMode.body()).get("detail").asText()).contains("SHOUT");

        // on hold, the operator's leg is gone: nothing to join
        assertThat(control.hold(attempt)).isEqualTo(CallControl.Result.DONE);
        HttpResponse<String> held = api(path + "/listen", "{\"endpoint\": \"PJSIP/200\"}");
        assertThat(held.statusCode()).isEqualTo(409);
        assertThat(fixture.read(held.body()).get("detail").asText()).contains("is not connected to an operator now");
        PortalClient supervisor = supervisor();
        String monitor = supervisor.get("/monitoring?lang=ru").body();
        HttpResponse<String> fragment = supervisor.postFormWithTokenOf(monitor,
                "/monitoring/calls/" + attempt + "/listen", Map.of("endpoint", "PJSIP/200", "mode", "whisper"));
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("data-result=\"NOT_CONNECTED\"").contains("alert-warning")
                .contains("не соединён с оператором");
        HttpResponse<String> badModeFragment = supervisor.postFormWithTokenOf(monitor,
                "/monitoring/calls/" + attempt + "/listen", Map.of("endpoint", "PJSIP/200", "mode", "shout"));
        assertThat(badModeFragment.body()).contains("data-result=\"BAD_MODE\"");

        assertThat(control.resume(attempt)).isEqualTo(CallControl.Result.DONE);
        DialingFixture.await("the operator back on the call", WAIT, () -> bridgedChannels(attempt).size() == 2
                && operator(ivan).state() == OperatorState.IN_CALL && !control.held(attempt));
        assertThat(api(path + "/listen", "{\"endpoint\": \"PJSIP/200\"}").statusCode()).isEqualTo(202);

        // over: nothing to join either
        control.hangUp(attempt);
        DialingFixture.await("the end of the call", WAIT, () -> ended(attempt));
        assertThat(api(path + "/take-over", "{\"endpoint\": \"PJSIP/200\"}").statusCode()).isEqualTo(409);
        assertThat(audit.of("call", attempt, 10)).extracting(AuditEvent::action)
                .as("refusals are not recorded").containsExactly("call.listen");
        assertThat(control.listen(attempt, "PJSIP/200", SpyMode.LISTEN, null))
                .isEqualTo(CallControl.Result.NOT_CONNECTED);
    }

    @Test
    void onlyRolesAllowedToInterveneMayDoSo() throws Exception {
        String path = "/api/v1/call-attempts/987654321";
        for (String action : List.of("/listen", "/take-over")) {
            HttpResponse<String> operator = portal().apiSend("POST", path + action, "{\"endpoint\": \"PJSIP/200\"}",
                    "intervening-operator", OPERATOR_PASSWORD);
            assertThat(operator.statusCode()).as("operator on " + action).isEqualTo(403);
            HttpResponse<String> supervisor = portal().apiSend("POST", path + action, "{\"endpoint\": \"PJSIP/200\"}",
                    "intervening-supervisor", SUPERVISOR_PASSWORD);
            assertThat(supervisor.statusCode()).as("supervisor on " + action).isEqualTo(404);
        }
        PortalClient operatorPortal = portal();
        operatorPortal.login("intervening-operator", OPERATOR_PASSWORD);
        String arm = operatorPortal.get("/arm").body();
        for (String action : List.of("/listen", "/take-over")) {
            HttpResponse<String> refused = operatorPortal.postFormWithTokenOf(arm,
                    "/monitoring/calls/987654321" + action, Map.of("endpoint", "PJSIP/200"));
            assertThat(refused.statusCode()).as("operator on the monitor's " + action).isEqualTo(403);
        }
        PortalClient supervisorPortal = supervisor();
        HttpResponse<String> allowed = supervisorPortal.postFormWithTokenOf(supervisorPortal.get("/monitoring").body(),
                "/monitoring/calls/987654321/take-over", Map.of("endpoint", "PJSIP/200"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("data-result=\"NO_ATTEMPT\"").contains("There is no call attempt 987654321.");
    }
}
