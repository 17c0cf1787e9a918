package org.dozvon.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

/** Operators and skills over REST: validation that names the field, states, and who may change them. */
class OperatorsApiTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    @org.springframework.beans.factory.annotation.Autowired
    Operators operators;
    private final String s = UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> send(String method, String path, String body) {
        return new PortalClient(port).apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }

    @Test
    void anOperatorWithASkillIsCreatedLoggedInAndPausedAndBadInputIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> skill = send("POST", "/api/v1/skills", "{\"name\": \"Collections " + s + "\"}");
        assertThat(skill.statusCode()).as(skill.body()).isEqualTo(201);
        long skillId = json.readTree(skill.body()).get("id").asLong();
        assertThat(send("POST", "/api/v1/skills", "{\"name\": \"collections " + s + "\"}").statusCode()).isEqualTo(422);

        HttpResponse<String> bad = send("POST", "/api/v1/operators", """
                {"name": "", "endpoint": "101", "skills": {"%d": 150}}""".formatted(skillId));
        assertThat(bad.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(bad.body()).get("errors");
        assertThat(errors.has("name")).isTrue();
        assertThat(errors.get("endpoint").asText()).contains("101");
        assertThat(errors.get("skills").asText()).contains("Collections " + s);

        HttpResponse<String> created = send("POST", "/api/v1/operators", """
                {"name": "Anna %s", "endpoint": "PJSIP/a%1$s", "skills": {"%d": 70}}""".formatted(s, skillId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode operator = json.readTree(created.body());
        long id = operator.get("id").asLong();
        assertThat(operator.get("state").asText()).isEqualTo("OFFLINE");
        assertThat(operator.get("skills").get(String.valueOf(skillId)).asInt()).isEqualTo(70);

        HttpResponse<String> ready = send("POST", "/api/v1/operators/" + id + "/state", "{\"state\": \"READY\"}");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json.readTree(ready.body()).get("operator").get("state").asText()).isEqualTo("READY");
        assertThat(send("POST", "/api/v1/operators/" + id + "/state", "{\"state\": \"IN_CALL\"}").statusCode())
                .isEqualTo(422);
        assertThat(send("POST", "/api/v1/operators/" + id + "/wrap-up", "{}").statusCode()).isEqualTo(409);
        HttpResponse<String> paused = send("POST", "/api/v1/operators/" + id + "/state", "{\"state\": \"OFFLINE\"}");
        assertThat(json.readTree(paused.body()).get("operator").get("state").asText()).isEqualTo("OFFLINE");

        assertThat(send("DELETE", "/api/v1/operators/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/operators/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anExtensionIsListedOnceAndOnlyOneLoggedInOperatorWorksFromIt() throws Exception {
        String phone = "PJSIP/x" + s;
        HttpResponse<String> created = send("POST", "/api/v1/extensions", "{\"endpoint\": \"" + phone + "\", \"description\": \"Desk 5\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/extensions", "{\"endpoint\": \"pjsip/x" + s + "\"}").statusCode()).isEqualTo(422);
        assertThat(send("POST", "/api/v1/extensions", "{\"endpoint\": \"101\"}").statusCode()).isEqualTo(422);
        long first = json.readTree(send("POST", "/api/v1/operators", "{\"name\": \"First " + s + "\"}").body()).get("id").asLong();
        long second = json.readTree(send("POST", "/api/v1/operators", "{\"name\": \"Second " + s + "\"}").body()).get("id").asLong();
        try {
            assertThat(operators.logIn(first, phone)).isEqualTo(Operators.LogIn.DONE);
            assertThat(operators.logIn(second, phone)).isEqualTo(Operators.LogIn.PHONE_IN_USE);
            JsonNode listed = json.readTree(send("GET", "/api/v1/extensions?q=x" + s, null).body()).get("items");
            boolean shown = false;
            for (JsonNode extension : listed) {
                if (extension.get("endpoint").asText().equals(phone)) {
                    assertThat(extension.get("inUseBy").asText()).isEqualTo("First " + s);
                    shown = true;
                }
            }
            assertThat(shown).isTrue();
        } finally {
            operators.changeState(first, OperatorState.OFFLINE);
        }
        assertThat(operators.logIn(second, phone)).isEqualTo(Operators.LogIn.DONE);
        operators.changeState(second, OperatorState.OFFLINE);
    }

    @Test
    void anOperatorWithoutAPhoneCannotGoReady() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/operators", "{\"name\": \"No phone " + s + "\"}");
        long id = json.readTree(created.body()).get("id").asLong();
        HttpResponse<String> ready = send("POST", "/api/v1/operators/" + id + "/state", "{\"state\": \"READY\"}");
        assertThat(ready.statusCode()).isEqualTo(409);
        assertThat(json.readTree(ready.body()).get("detail").asText()).contains("phone");
    }
}
