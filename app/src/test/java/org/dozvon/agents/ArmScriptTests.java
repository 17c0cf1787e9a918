package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.campaigns.ScriptAnswer;
import org.dozvon.campaigns.Scripts;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaign's script in the workplace, through the real endpoints and a simulated call: the operator sees the
 * questions while talking and at the wrap-up, which is refused while a mandatory question is unanswered (keeping
 * what was typed) and, once answered, stores the answers with the attempt before the outcome goes on.
 */
class ArmScriptTests extends ApplicationTestBase {

    private static final String PASSWORD = "Operator-Pass-1";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Operators operators;
    @Autowired
    Scripts scripts;

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
    void theWrapUpIsRefusedUntilTheScriptsMandatoryQuestionsAreAnsweredAndThenStoresTheAnswers() throws Exception {
        DialingFixture fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        String username = "arm-script-" + fixture.suffix;
        ArmFixture setup = new ArmFixture(fixture, operators, context);
        operatorId = setup.operatorOfNewUser(username, PASSWORD, "Script operator " + fixture.suffix);
        String code = "AGREED_" + fixture.suffix.toUpperCase();
        long group = setup.codeGroupOf(code, "Agreed");
        HttpResponse<String> script = fixture.send("POST", "/api/v1/scripts", """
                {"name": "ARM script %s", "questions": [
                  {"key": "agrees", "text": "Does the client agree?", "type": "YES_NO", "mandatory": true,
                   "help": "Ask twice"},
                  {"key": "plan", "text": "Which plan?", "type": "CHOICE", "options": ["Basic", "Plus"], "mandatory": true,
                   "link": "https://crm.example/find?phone={mobile_%1$s}"},
                  {"key": "note", "text": "Anything else?", "type": "TEXT"}]}""".formatted(fixture.suffix));
        assertThat(script.statusCode()).as(script.body()).isEqualTo(201);
        long scriptId = fixture.read(script.body()).get("id").asLong();
        // an SMS gateway (an HTTP server in this JVM) set up by the administrator: without one, no SMS is offered
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        gateway.createContext("/sms", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] ok = "{\"status\":\"OK\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        gateway.start();
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        Map<String, String> gatewayForm = new LinkedHashMap<>();
        gatewayForm.put("url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms");
        gatewayForm.put("method", "POST");
        gatewayForm.put("headers", "Content-Type: application/json");
        gatewayForm.put("body", "{\"to\": \"@phone_digits\", \"text\": \"@text\"}");
        gatewayForm.put("timeoutSeconds", "5");
        gatewayForm.put("successContains", "");
        gatewayForm.put("secret", "");
        assertThat(admin.submit("/settings/sms-gateway", "/settings/sms-gateway", gatewayForm).statusCode()).isEqualTo(302);
        long list = fixture.list(5);
        String sms = "arm_sms_" + fixture.suffix;
        HttpResponse<String> template = fixture.send("POST", "/api/v1/notification-templates", """
                {"code": "%s", "name": "Plan confirmed %s", "channel": "SMS",
                 "body": "Your plan is confirmed, call us from @mobile_%s"}""".formatted(sms, fixture.suffix, fixture.suffix));
        assertThat(template.statusCode()).as(template.body()).isEqualTo(201);
        // several contacts: the simulator answers about half the calls, and an unanswered one is retried only hours later
        campaignId = fixture.startedCampaign(list, """
                "completionCodeGroupId": %d, "scriptId": %d,
                "dialing": {"mode": "PROGRESSIVE", "detectMachine": false, "wrapUpSeconds": 300}""".formatted(group, scriptId));

        PortalClient arm = portal();
        arm.login(username, PASSWORD);
        assertThat(arm.submit("/arm", "/arm/login", Map.of("endpoint", "PJSIP/as" + fixture.suffix)).statusCode()).isEqualTo(200);
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "READY")).statusCode()).isEqualTo(200);
        DialingFixture.await("a call reached the operator and ended", Duration.ofSeconds(90),
                () -> operators.operator(operatorId).orElseThrow().state() == OperatorState.WRAP_UP);
        long attempt = operators.operator(operatorId).orElseThrow().attemptId();

        String panel = arm.get("/arm/panel").body();
        assertThat(panel).contains("name=\"smsTemplate\"").contains("Plan confirmed " + fixture.suffix);
        // what the template will send, with the contact's values, shown read-only
        String shown = arm.get("/arm/message-preview?channel=SMS&smsTemplate=" + sms).body();
        assertThat(shown).contains("Your plan is confirmed, call us from +7900");
        assertThat(panel).contains("name=\"answer_agrees\"").contains("name=\"answer_plan\"").contains("Ask twice")
                .contains("https://crm.example/find?phone=%2B7900");

        Map<String, String> form = new LinkedHashMap<>(Map.of("code", code, "comment", "Wants Plus later",
                "callback", "NONE", "answer_agrees", "YES", "answer_plan", "", "answer_note", "Call after 6"));
        HttpResponse<String> refused = arm.submit("/arm", "/arm/wrap-up", form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Answer the script&#39;s questions as marked.")
                .contains("Answer the question &#39;Which plan?&#39;.")
                .contains("Call after 6").contains("Wants Plus later");
        assertThat(operators.operator(operatorId).orElseThrow().state()).isEqualTo(OperatorState.WRAP_UP);
        assertThat(scripts.answers(attempt)).isEmpty();

        // a pause now takes effect after the wrap-up: no second call reaches the operator
        assertThat(arm.submit("/arm", "/arm/state", Map.of("state", "NOT_READY", "reason", "BREAK")).statusCode()).isEqualTo(200);
        form.put("answer_plan", "Plus");
        form.put("smsTemplate", sms);
        HttpResponse<String> accepted = arm.submit("/arm", "/arm/wrap-up", form);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).doesNotContain("alert-danger");
        assertThat(operators.operator(operatorId).orElseThrow().state()).isEqualTo(OperatorState.NOT_READY);
        assertThat(scripts.answers(attempt))
                .extracting(ScriptAnswer::questionKey, ScriptAnswer::answer, ScriptAnswer::answeredBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agrees", "YES", username),
                        org.assertj.core.groups.Tuple.tuple("plan", "Plus", username),
                        org.assertj.core.groups.Tuple.tuple("note", "Call after 6", username));
        DialingFixture.await("the outcome settled with the operator's code", Duration.ofSeconds(20), () ->
                jdbc.sql("select count(*) from dial_request where id = :id and state = 'SETTLED' and completion_code = :code")
                        .param("id", attempt).param("code", code).query(Long.class).single() == 1);
        // the SMS left through the outbox
        DialingFixture.await("the wrap-up's SMS tried", Duration.ofSeconds(20), () -> jdbc.sql(
                "select count(*) from channel_message where send_key = :k").param("k", "wrap-up:" + attempt + ":SMS")
                .query(Long.class).single() == 1);
        Map<String, Object> message = jdbc.sql("select template_code, recipient, body, contact_id from channel_message"
                + " where send_key = :k").param("k", "wrap-up:" + attempt + ":SMS").query().singleRow();
        assertThat(message.get("template_code")).isEqualTo(sms);
        assertThat((String) message.get("recipient")).startsWith("+7900");
        assertThat((String) message.get("body")).isEqualTo("Your plan is confirmed, call us from " + message.get("recipient"));
        DialingFixture.await("the SMS sent", Duration.ofSeconds(20), () -> "SENT".equals(jdbc.sql(
                "select status from channel_message where send_key = :k").param("k", "wrap-up:" + attempt + ":SMS")
                .query(String.class).single()));
        assertThat(received).anyMatch(body -> body.contains("Your plan is confirmed, call us from"));
        gateway.stop(0);
    }
}
