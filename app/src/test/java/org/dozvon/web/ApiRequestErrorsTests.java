package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.Test;

/**
 * Requests the API cannot read are refused like any refused field: 422 naming the parameter or the field, whatever
 * the endpoint; a path that names nothing is 404.
 */
class ApiRequestErrorsTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aMissingParameterIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/strategies/processes/standard/migrations/preview?to=1",
                "admin", ADMIN_PASSWORD);

        assertThat(errors(response, 422).has("from")).isTrue();
    }

    @Test
    void aParameterOfTheWrongTypeIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/call-attempts?limit=many", "admin", ADMIN_PASSWORD);

        assertThat(errors(response, 422).get("limit").asText()).contains("many");
    }

    @Test
    void aBodyFieldOfTheWrongKindIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = portal().apiSend("POST", "/api/v1/campaigns",
                "{\"name\": \"Wrong kinds\", \"dialing\": {\"mode\": \"TELEPATHIC\"}}", "admin", ADMIN_PASSWORD);

        assertThat(errors(response, 422).has("dialing.mode")).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() throws Exception {
        HttpResponse<String> response = portal().apiSend("POST", "/api/v1/campaigns", "{name:", "admin",
                ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aPathVariableOfTheWrongTypeNamesNothing() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/campaigns/not-a-number", "admin", ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("not-a-number");
    }

    private JsonNode errors(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return json.readTree(response.body()).get("errors");
    }
}
