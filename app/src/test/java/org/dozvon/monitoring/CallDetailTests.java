package org.dozvon.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.dozvon.agents.OperatorState;
import org.dozvon.agents.Operators;
import org.dozvon.dialing.DialingFixture;
import org.dozvon.strategy.StrategyDecision;
import org.dozvon.strategy.StrategyDecisions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A call's card, from a real call: a progressive campaign of the standard strategy dials through the simulator, the
 * person is connected to an operator working in the workplace, who wraps up with a successful code, a comment and
 * the script's answer; the strategy settles the outcome and its decision table picks the rule for successful codes.
 * The card then shows the stages with their durations, every event, the code, the answer and the rule that fired
 * with what it was given and what it answered — the number in clear for the administrator and masked for a
 * supervisor, whose role sees the phone field masked.
 */
class CallDetailTests extends ApplicationTestBase {

    private static final String PASSWORD = "Call-Detail-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    StrategyDecisions decisions;

    private Long operatorId;
    private Long campaignId;

    @AfterEach
    void stopAndLogOut() {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        if (campaignId != null) {
            fixture.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
        if (operatorId != null) {
            operators.changeState(operatorId, OperatorState.OFFLINE);
        }
    }

    @Test
    void theCardOfAnOperatorsCallShowsItsStagesCodeAnswersAndTheRuleThatFiredWithTheNumberMaskedForASupervisor()
            throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        String s = fixture.suffix;
        // the phone field is masked for supervisors; the administrator's role is not restricted
        created(fixture.send("POST", "/api/v1/contact-fields",
                "{\"code\": \"mobile_%s\", \"name\": \"Mobile\", \"type\": \"PHONE\", \"access\": {\"SUPERVISOR\": \"MASKED\"}}"
                        .formatted(s)));
        created(fixture.send("POST", "/api/v1/contact-fields",
                "{\"code\": \"name_%s\", \"name\": \"Client name %1$s\", \"type\": \"TEXT\"}".formatted(s)));
        long listId = fixture.read(created(fixture.send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Calls %1$s\", \"fields\": [{\"code\": \"mobile_%1$s\"}, {\"code\": \"name_%1$s\"}]}"
                        .formatted(s))).body()).get("id").asLong();
        StringBuilder contacts = new StringBuilder("[");
        String digits = String.format("%05d", Math.floorMod(s.hashCode(), 100_000));
        for (int i = 0; i < 6; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"mobile_%1$s\": \"+7900%2$s%3$02d\", \"name_%1$s\": \"Анна %3$d\"}"
                    .formatted(s, digits, i));
        }
        HttpResponse<String> added = fixture.send("POST", "/api/v1/contact-lists/" + listId + "/contacts", contacts + "]");
        assertThat(fixture.read(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(6);

        String username = "call-card-" + s;
        new TestUsers(context).ensure(username, PASSWORD, false, "OPERATOR");
        Operators.Saved saved = operators.save(null, new Operators.OperatorDraft("Оператор " + s,
                operators.userNamed(username).orElseThrow(), null, null, Map.of()));
        assertThat(saved.violations()).isEmpty();
        operatorId = saved.id();
        String code = "SOLD_" + s.toUpperCase();
        created(fixture.send("POST", "/api/v1/completion-codes", """
                {"code": "%s", "name": "Sold %s", "category": "ANSWERED", "resolution": "SUCCESS"}""".formatted(code, s)));
        long group = fixture.read(created(fixture.send("POST", "/api/v1/code-groups",
                "{\"name\": \"Calls %s\", \"codes\": [\"%s\"]}".formatted(s, code))).body()).get("id").asLong();
        long scriptId = fixture.read(created(fixture.send("POST", "/api/v1/scripts", """
                {"name": "Card script %s", "questions": [
                  {"key": "plan", "text": "Which plan %1$s?", "type": "CHOICE", "options": ["Basic", "Plus"]}]}"""
                .formatted(s))).body()).get("id").asLong();
        // AMD off and a long wrap-up: the person is connected at the answer and the wrap-up waits for the operator
        campaignId = fixture.startedCampaign(listId, """
                "completionCodeGroupId": %d, "scriptId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 300}""".formatted(group, scriptId));

        PortalClient arm = portal();
        arm.login(username, PASSWORD);
        assertThat(arm.submit("/arm", "/arm/login", Map.of("endpoint", "PJSIP/cd" + s)).statusCode()).isEqualTo(200);
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "READY")).statusCode()).isEqualTo(200);
        DialingFixture.await("a call reached the operator and ended", Duration.ofSeconds(90),
                () -> operators.operator(operatorId).orElseThrow().state() == OperatorState.WRAP_UP);
        long attempt = operators.operator(operatorId).orElseThrow().attemptId();
        // no further call while the card is looked at
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "NOT_READY", "reason", "BREAK")).statusCode()).isEqualTo(200);
        Map<String, String> wrapUp = new LinkedHashMap<>(Map.of("code", code, "comment", "Wants the Plus plan",
                "callback", "NONE", "answer_plan", "Plus"));
        HttpResponse<String> finished = arm.submit("/arm", "/arm/wrap-up", wrapUp);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).doesNotContain("alert-danger");
        DialingFixture.await("the outcome settled with the operator's code", Duration.ofSeconds(20), () ->
                jdbc.sql("select count(*) from dial_request where id = :id and state = 'SETTLED' and completion_code = :code")
                        .param("id", attempt).param("code", code).query(Long.class).single() == 1);
        String number = jdbc.sql("select number from call_attempt where dial_request_id = :id").param("id", attempt)
                .query(String.class).single();
        String masked = "+7 900 *** ** " + number.substring(number.length() - 2);

        // the strategy's decision, from Camunda's history: the table's second rule, for successful codes
        assertThat(decisions.recorded()).isTrue();
        List<StrategyDecision> decided = decisions.forAttempt(attempt);
        assertThat(decided).hasSize(1);
        StrategyDecision decision = decided.get(0);
        assertThat(decision.decisionKey()).isEqualTo("nextAction");
        assertThat(decision.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.position()).isEqualTo(2);
            assertThat(rule.id()).isEqualTo("Rule_02");
            assertThat(rule.description()).isEqualTo("Done: a successful result");
            assertThat(rule.conditions()).extracting(StrategyDecision.Condition::name, StrategyDecision.Condition::test,
                            StrategyDecision.Condition::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("codeResolution", "\"SUCCESS\"", "SUCCESS"));
            assertThat(rule.outputs()).extracting(StrategyDecision.Value::name, StrategyDecision.Value::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("action", "FINISH"),
                            org.assertj.core.groups.Tuple.tuple("finalStatus", "SUCCESS"));
        });
        assertThat(decision.inputs()).extracting(StrategyDecision.Value::name)
                .startsWith("outcomeCategory", "completionCode", "codeResolution").doesNotContain("dozvon.attemptId");
        assertThat(decision.inputs()).filteredOn(input -> input.name().equals("completionCode"))
                .extracting(StrategyDecision.Value::value).containsExactly(code);

        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String card = admin.get("/calls/" + attempt).body();
        assertThat(card).contains("Call #" + attempt)
                .contains("data-stage=\"QUEUED\"").contains("data-stage=\"RINGING\"").contains("data-stage=\"TALKING\"")
                .contains("data-stage=\"WRAP_UP\"")
                .contains("data-event=\"DIALLED\"").contains("data-event=\"ANSWERED\"").contains("data-event=\"CONNECTED\"")
                .contains("data-event=\"ENDED\"").contains("data-event=\"WRAPPED_UP\"").contains("data-event=\"DECIDED\"")
                .contains(code).contains("Sold " + s).contains("Wants the Plus plan")
                .contains("Which plan " + s + "?").contains("Plus")
                .contains("Rule 2 of &quot;Next action after a call attempt&quot; fired")
                .contains("Done: a successful result")
                .contains("Code resolution = SUCCESS").contains("Action FINISH").contains("Final status SUCCESS")
                .contains("Оператор " + s).contains("Анна").contains(number)
                .contains("href=\"/campaigns/" + campaignId + "\"")
                .contains("href=\"/contacts/lists/" + listId + "/contacts/");
        // times to the millisecond
        assertThat(card).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        // rows that open the card: the campaign's calls, its script answers, the contact's page (an htmx section)
        long contactId = jdbc.sql("select contact_id from dial_request where id = :id").param("id", attempt)
                .query(Long.class).single();
        assertThat(admin.get("/campaigns/" + campaignId).body()).contains("href=\"/calls?campaignId=" + campaignId + "\"");
        assertThat(admin.get("/calls?campaignId=" + campaignId).body()).contains("href=\"/calls/" + attempt + "\"");
        assertThat(admin.get("/campaigns/" + campaignId + "/answers").body()).contains("href=\"/calls/" + attempt + "\"");
        assertThat(admin.get("/contacts/lists/" + listId + "/contacts/" + contactId).body())
                .contains("hx-get=\"/calls?contactId=" + contactId + "\"");
        // an operator may not open cards: its workplace's calls of today are not links
        assertThat(arm.get("/arm/panel").body()).contains("id=\"arm-today\"").doesNotContain("href=\"/calls/");

        HttpResponse<String> json = portal().api("/api/v1/call-attempts/" + attempt + "/detail", "admin", ADMIN_PASSWORD);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode detail = fixture.read(json.body());
        assertThat(detail.get("number").asText()).isEqualTo(number);
        assertThat(detail.get("code").get("code").asText()).isEqualTo(code);
        assertThat(detail.get("answers").get(0).get("answer").asText()).isEqualTo("Plus");
        assertThat(detail.get("strategy").get("decisions").get(0).get("rules").get(0).get("position").asInt()).isEqualTo(2);
        List<String> stages = new java.util.ArrayList<>();
        detail.get("stages").forEach(stage -> {
            stages.add(stage.get("stage").asText());
            assertThat(stage.get("millis").asLong()).isNotNegative();
        });
        assertThat(stages).containsSubsequence("QUEUED", "RINGING", "WAITING", "TALKING", "WRAP_UP");

        // a supervisor's role sees the phone field masked: the number, on the card and in the list, too
        String supervisor = "call-card-sup-" + s;
        new TestUsers(context).ensure(supervisor, PASSWORD, false, "SUPERVISOR");
        PortalClient supervising = portal();
        supervising.login(supervisor, PASSWORD);
        String maskedCard = supervising.get("/calls/" + attempt).body();
        assertThat(maskedCard).contains(masked).doesNotContain(number).doesNotContain(number.substring(1))
                .contains("Rule 2 of");
        JsonNode maskedDetail = fixture.read(portal().api("/api/v1/call-attempts/" + attempt + "/detail", supervisor,
                PASSWORD).body());
        assertThat(maskedDetail.get("number").asText()).isEqualTo(masked);
        assertThat(maskedDetail.toString()).doesNotContain(number.substring(1));
        String list = supervising.get("/calls?campaignId=" + campaignId).body();
        assertThat(list).contains("href=\"/calls/" + attempt + "\"").contains(masked).doesNotContain(number.substring(1));
    }

    @Test
    void anUnknownAttemptIsNotFound() {
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        assertThat(admin.get("/calls/987654321987").statusCode()).isEqualTo(404);
        HttpResponse<String> api = portal().api("/api/v1/call-attempts/987654321987/detail", "admin", ADMIN_PASSWORD);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("There is no call attempt 987654321987.");
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }
}
