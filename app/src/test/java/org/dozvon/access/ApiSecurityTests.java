package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The API speaks JSON to machines: HTTP Basic, RFC 7807 problems, never a login page. */
class ApiSecurityTests extends ApplicationTestBase {

    private static final String PASSWORD = "Api-Password-1";
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void users() {
        TestUsers users = new TestUsers(context);
        users.ensure("api-operator", PASSWORD, false, "OPERATOR");
        users.ensure("api-analyst", PASSWORD, false, "ANALYST");
        users.ensure("api-supervisor", PASSWORD, false, "SUPERVISOR");
        users.ensure("api-newcomer", PASSWORD, true, "SUPERVISOR");
    }

    @Test
    void apiWithoutCredentialsIsUnauthorizedAsProblemJson() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/me", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Dozvon\"");
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void apiWithWrongPasswordIsUnauthorized() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/me", "admin", "not-the-password");

        assertProblem(response, 401);
    }

    @Test
    void meTellsTheCallersNameRolesAndPermissions() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/me", "admin", ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = json.readTree(response.body());
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("ADMIN");
        assertThat(me.get("permissions")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Permission.values()).map(Enum::name).toList());
        assertThat(me.get("mustChangePassword").asBoolean()).isFalse();
    }

    @Test
    void operatorGetsOnlyItsOwnPermissions() throws Exception {
        JsonNode me = json.readTree(portal().api("/api/v1/me", "api-operator", PASSWORD).body());

        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("OPERATOR");
        assertThat(me.get("permissions")).extracting(JsonNode::asText).containsExactly("WORKPLACE_USE");
    }

    @Test
    void camundaRestApiIsForProcessEngineUsersOnly() throws Exception {
        PortalClient client = portal();

        assertThat(client.api("/engine-rest/process-definition/count", "api-analyst", PASSWORD).statusCode())
                .isEqualTo(200);
        assertProblem(client.api("/engine-rest/process-definition/count", "api-operator", PASSWORD), 403);
        assertProblem(client.api("/engine-rest/process-definition/count", null, null), 401);
    }

    @Test
    void prometheusMetricsNeedTheMetricsPermission() throws Exception {
        PortalClient client = portal();

        HttpResponse<String> metrics = client.api("/actuator/prometheus", "admin", ADMIN_PASSWORD, "text/plain");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
        assertProblem(client.api("/actuator/prometheus", "api-supervisor", PASSWORD), 403);
        assertProblem(client.api("/actuator/prometheus", null, null), 401);
    }

    @Test
    void healthAndInfoAreOpenForProbes() {
        HttpResponse<String> health = portal().api("/actuator/health", null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("db");
        assertThat(portal().api("/actuator/info", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownApiAddressIsAProblemToo() throws Exception {
        assertProblem(portal().api("/api/v1/no-such-thing", "admin", ADMIN_PASSWORD), 404);
    }

    @Test
    void userWhoMustChangePasswordIsRefusedByTheApi() throws Exception {
        HttpResponse<String> response = portal().api("/api/v1/me", "api-newcomer", PASSWORD);

        assertProblem(response, 403);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("must be changed");
    }

    @Test
    void portalFormsRequireTheCsrfToken() {
        PortalClient client = portal();
        client.login("api-supervisor", PASSWORD);

        HttpResponse<String> forged = client.postForm("/account/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "Forged-Pass-1", "confirmation", "Forged-Pass-1"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(portal().login("api-supervisor", PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
    }

    private void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
