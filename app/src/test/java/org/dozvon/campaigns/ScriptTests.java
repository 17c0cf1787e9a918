package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.Violation;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Call scripts: what may be created, changed and deleted, which campaigns use them, and the answers they take. */
class ScriptTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String s;

    @Autowired
    Scripts scripts;
    @Autowired
    ApplicationContext context;

    @BeforeEach
    void unique() {
        api = portal();
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    private static final String QUESTIONS = """
            [{"key": "agrees", "text": "Do you agree?", "type": "YES_NO", "mandatory": true},
             {"key": "plan", "text": "Which plan?", "type": "CHOICE", "options": ["Basic", "Plus"], "mandatory": true,
              "link": "https://crm.example/plans?phone={phone}", "help": "Read the plans out"},
             {"key": "amount", "text": "How much?", "type": "NUMBER"},
             {"key": "pay_on", "text": "Pay on?", "type": "DATE"},
             {"key": "note", "text": "Anything else?", "type": "TEXT"}]""";

    private long script(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/scripts",
                "{\"name\": \"%s\", \"description\": \"Sales\", \"questions\": %s}".formatted(name, QUESTIONS));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    @Test
    void aScriptIsCreatedWithOrderedQuestionsAndItsMistakesAreNamedByField() throws Exception {
        long id = script("Survey " + s);

        JsonNode read = json.readTree(send("GET", "/api/v1/scripts/" + id, null).body());
        assertThat(read.get("name").asText()).isEqualTo("Survey " + s);
        assertThat(read.get("questions").findValuesAsText("key")).containsExactly("agrees", "plan", "amount", "pay_on", "note");
        JsonNode plan = read.get("questions").get(1);
        assertThat(plan.get("options").toString()).isEqualTo("[\"Basic\",\"Plus\"]");
        assertThat(plan.get("mandatory").asBoolean()).isTrue();
        assertThat(scripts.script(id).orElseThrow().question("plan").orElseThrow().linkFor(Map.of("phone", "+7 900")))
                .isEqualTo("https://crm.example/plans?phone=%2B7+900");

        HttpResponse<String> refused = send("POST", "/api/v1/scripts", """
                {"name": "Survey %s", "questions": [
                  {"key": "1st", "text": "A", "type": "TEXT"},
                  {"key": "same", "text": "", "type": "CHOICE"},
                  {"key": "SAME", "text": "C", "type": "TEXT", "link": "crm.example/x"}]}""".formatted(s));
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(refused.body()).get("errors");
        assertThat(errors.get("name").asText()).isEqualTo("There is already a script named 'Survey " + s + "'.");
        assertThat(errors.get("questions[0].key").asText()).startsWith("'1st' is not a key");
        assertThat(errors.get("questions[1].text").asText()).isEqualTo("Question 2: enter the question.");
        assertThat(errors.get("questions[1].options").asText()).startsWith("Question 2: list the options");
        assertThat(errors.get("questions[2].key").asText()).isEqualTo("The key 'SAME' is used by another question of this script.");
        assertThat(errors.get("questions[2].link").asText()).startsWith("'crm.example/x' is not a link");

        HttpResponse<String> renamed = send("PUT", "/api/v1/scripts/" + id, "{\"name\": \"Survey 2 " + s + "\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(scripts.script(id).orElseThrow().questions()).as("questions kept without a list").hasSize(5);
        send("PUT", "/api/v1/scripts/" + id, """
                {"name": "Survey 2 %s", "questions": [{"key": "note", "text": "Anything?", "type": "TEXT"}]}""".formatted(s));
        assertThat(scripts.script(id).orElseThrow().questions()).extracting(ScriptQuestion::key).containsExactly("note");
        assertThat(send("GET", "/api/v1/scripts/999999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCampaignChoosesAScriptWhichCannotBeDeletedWhileTheCampaignUsesIt() throws Exception {
        long id = script("Used " + s);
        HttpResponse<String> unknown = send("POST", "/api/v1/campaigns",
                "{\"name\": \"Scripted bad %s\", \"scriptId\": 999999999}".formatted(s));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.readTree(unknown.body()).get("errors").get("scriptId").asText()).contains("There is no script 999999999");

        HttpResponse<String> campaign = send("POST", "/api/v1/campaigns", "{\"name\": \"Scripted %s\", \"scriptId\": %d}".formatted(s, id));
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        JsonNode created = json.readTree(campaign.body());
        assertThat(created.get("scriptId").asLong()).isEqualTo(id);
        long campaignId = created.get("id").asLong();
        assertThat(scripts.forCampaign(campaignId)).hasValueSatisfying(script -> assertThat(script.id()).isEqualTo(id));

        HttpResponse<String> refused = send("DELETE", "/api/v1/scripts/" + id, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json.readTree(refused.body()).get("detail").asText())
                .isEqualTo("The script Used " + s + " is used by campaigns: Scripted " + s + ". Choose another script for them first.");

        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        assertThat(portal.get("/campaigns/" + campaignId).body()).contains("Used " + s);
        assertThat(portal.get("/campaigns/" + campaignId + "/edit").body()).contains("name=\"scriptId\"");

        send("PUT", "/api/v1/campaigns/" + campaignId, "{\"name\": \"Scripted %s\"}".formatted(s));
        assertThat(scripts.forCampaign(campaignId)).isEmpty();
        assertThat(send("DELETE", "/api/v1/scripts/" + id, null).statusCode()).isEqualTo(204);
        assertThat(scripts.script(id)).isEmpty();
    }

    @Test
    void answersAreCheckedAgainstTheirQuestionsMandatoryTypesAndOptions() throws Exception {
        long id = script("Checked " + s);

        assertThat(scripts.check(id, Map.of())).extracting(Violation::field)
                .containsExactly("answer_agrees", "answer_plan");
        List<Violation> wrong = scripts.check(id, Map.of("agrees", "maybe", "plan", "Gold", "amount", "a lot",
                "pay_on", "31.12.2030", "unknown", "ignored"));
        assertThat(wrong).extracting(Violation::field)
                .containsExactly("answer_agrees", "answer_plan", "answer_amount", "answer_pay_on");
        assertThat(wrong).extracting(Violation::messageKey).containsExactly("scripts.error.answerYesNo",
                "scripts.error.answerOption", "scripts.error.answerNumber", "scripts.error.answerDate");
        assertThat(scripts.check(id, Map.of("agrees", "yes", "plan", "Plus", "amount", "1 500,50", "pay_on", "2030-12-31",
                "note", " "))).isEmpty();
    }

    @Test
    void answersAreStoredPerAttemptAndASupervisorCorrectsThemOnThePage() throws Exception {
        long id = script("Answered " + s);
        long campaignId = json.readTree(send("POST", "/api/v1/campaigns",
                "{\"name\": \"Answered %s\", \"scriptId\": %d}".formatted(s, id)).body()).get("id").asLong();
        long attempt = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000_000_000L;

        assertThat(scripts.saveAnswers(attempt, campaignId, id, Map.of("agrees", "YES"), "anna"))
                .extracting(Violation::field).containsExactly("answer_plan");
        assertThat(scripts.answers(attempt)).as("nothing stored while something is wrong").isEmpty();
        assertThat(scripts.saveAnswers(attempt, campaignId, id,
                Map.of("agrees", "yes", "plan", "Basic", "amount", "2,5", "note", "call in May"), "anna")).isEmpty();
        assertThat(scripts.answers(attempt)).extracting(ScriptAnswer::questionKey, ScriptAnswer::answer, ScriptAnswer::answeredBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agrees", "YES", "anna"),
                        org.assertj.core.groups.Tuple.tuple("plan", "Basic", "anna"),
                        org.assertj.core.groups.Tuple.tuple("amount", "2.5", "anna"),
                        org.assertj.core.groups.Tuple.tuple("note", "call in May", "anna"));

        new TestUsers(context).ensure("scripts-supervisor", "Supervisor-pass-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("scripts-supervisor", "Supervisor-pass-1");
        assertThat(portal.get("/campaigns/" + campaignId + "/answers").body()).contains("call in May").contains(String.valueOf(attempt));
        String page = "/campaigns/" + campaignId + "/answers/" + attempt;
        assertThat(portal.get(page).body()).contains("name=\"answer_plan\"").contains("call in May");

        Map<String, String> form = new LinkedHashMap<>(Map.of("answer_agrees", "YES", "answer_plan", "", "answer_amount", "2.5",
                "answer_note", "call in May"));
        HttpResponse<String> refused = portal.submit(page, page, form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Answer the question &#39;Which plan?&#39;.");

        form.put("answer_plan", "Plus");
        form.put("answer_note", "");
        assertThat(portal.submit(page, page, form).statusCode()).isEqualTo(302);
        assertThat(scripts.answers(attempt)).extracting(ScriptAnswer::questionKey, ScriptAnswer::answer, ScriptAnswer::answeredBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agrees", "YES", "anna"),
                        org.assertj.core.groups.Tuple.tuple("plan", "Plus", "scripts-supervisor"),
                        org.assertj.core.groups.Tuple.tuple("amount", "2.5", "anna"));
        assertThat(portal.get("/campaigns/" + campaignId + "/answers/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aSupervisorWritesAScriptOnThePagesAndIsToldWhatIsWrong() {
        new TestUsers(context).ensure("scripts-supervisor", "Supervisor-pass-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("scripts-supervisor", "Supervisor-pass-1");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Page " + s);
        form.put("rows", "3");
        form.put("position_0", "2");
        form.put("key_0", "second");
        form.put("text_0", "Second question");
        form.put("type_0", "TEXT");
        form.put("position_1", "1");
        form.put("key_1", "first");
        form.put("text_1", "First question");
        form.put("type_1", "CHOICE");
        form.put("options_1", "");
        form.put("mandatory_1", "true");
        form.put("position_2", "3");
        form.put("type_2", "TEXT");
        HttpResponse<String> invalid = portal.submit("/campaigns/scripts/new", "/campaigns/scripts", form);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Question 1: list the options to choose from, one per line.")
                .contains("Please correct the marked fields.");

        form.put("options_1", "Yes, now\nLater\n");
        HttpResponse<String> saved = portal.submit("/campaigns/scripts/new", "/campaigns/scripts", form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Script script = scripts.scripts().stream().filter(sc -> sc.name().equals("Page " + s)).findFirst().orElseThrow();
        assertThat(script.questions()).extracting(ScriptQuestion::key).containsExactly("first", "second");
        assertThat(script.questions().get(0).options()).containsExactly("Yes, now", "Later");
        assertThat(script.questions().get(0).mandatory()).isTrue();
        assertThat(portal.get("/campaigns/scripts").body()).contains("Page " + s);
        String edit = portal.get("/campaigns/scripts/" + script.id()).body();
        assertThat(edit).contains("value=\"first\"").contains("data-confirm=");

        Map<String, String> removeFirst = new LinkedHashMap<>(Map.of("name", "Page " + s, "rows", "2",
                "key_0", "first", "text_0", "First question", "type_0", "CHOICE", "options_0", "Later", "remove_0", "true",
                "key_1", "second", "text_1", "Second question", "type_1", "TEXT"));
        assertThat(portal.submit("/campaigns/scripts/" + script.id(), "/campaigns/scripts/" + script.id(), removeFirst)
                .statusCode()).isEqualTo(302);
        assertThat(scripts.script(script.id()).orElseThrow().questions()).extracting(ScriptQuestion::key).containsExactly("second");

        assertThat(portal.submit("/campaigns/scripts/" + script.id(), "/campaigns/scripts/" + script.id() + "/delete", Map.of())
                .statusCode()).isEqualTo(302);
        assertThat(scripts.script(script.id())).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
