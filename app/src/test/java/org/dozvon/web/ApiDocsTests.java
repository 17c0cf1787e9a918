package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI 3 description of the REST API, generated from the controllers, and its Swagger UI: behind the portal's
 * login, and covering {@code /api/v1} only (not the portal's pages).
 */
class ApiDocsTests extends ApplicationTestBase {

    @Test
    void theApiDescriptionAndItsSwaggerUiAreBehindTheLoginAndDescribeTheRestApiOnly() throws Exception {
        PortalClient anonymous = new PortalClient(port);
        HttpResponse<String> refused = anonymous.get("/v3/api-docs");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        PortalClient admin = new PortalClient(port);
        admin.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> docs = admin.get("/v3/api-docs", "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode description = new ObjectMapper().readTree(docs.body());
        assertThat(description.get("openapi").asText()).startsWith("3.");
        JsonNode paths = description.get("paths");
        assertThat(paths.has("/api/v1/campaigns")).isTrue();
        assertThat(paths.has("/api/v1/contact-lists")).isTrue();
        assertThat(paths.has("/api/v1/call-attempts/{id}/listen")).isTrue();
        paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/v1/"));

        HttpResponse<String> ui = admin.get("/swagger-ui/index.html", "text/html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void everyOperationNamesItsPermissionAndItsProblemAnswers() throws Exception {
        JsonNode description = description();

        assertThat(description.at("/info/title").asText()).isEqualTo("Dozvon API");
        assertThat(description.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
        assertThat(description.at("/info/description").asText()).contains("docs/api.md");
        assertThat(description.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(description.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(description.get("security").toString()).contains("bearer").contains("basic");
        assertThat(description.at("/components/schemas/ProblemDetail/properties").has("errors")).isTrue();

        List<String> checked = new ArrayList<>();
        description.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = entry.getValue();
            JsonNode responses = operation.get("responses");
            boolean permission = operation.hasNonNull("x-permission");
            assertThat(permission || operation.path("x-any-authenticated").asBoolean())
                    .as("%s states who may call it", name).isTrue();
            if (permission) {
                assertThat(operation.get("description").asText()).as(name)
                        .contains("Permission: " + operation.get("x-permission").asText());
                assertProblemAnswer(name, responses, "403");
            }
            assertProblemAnswer(name, responses, "401");
            assertProblemAnswer(name, responses, "429");
            assertThat(responses.at("/429/headers").has("Retry-After")).as(name).isTrue();
            if (path.getKey().contains("{")) {
                assertProblemAnswer(name, responses, "404");
            }
            if (List.of("POST", "PUT", "PATCH").contains(entry.getKey().toUpperCase(Locale.ROOT))) {
                assertProblemAnswer(name, responses, "422");
            }
            if (entry.getKey().equals("post")) {
                assertProblemAnswer(name, responses, "409");
                assertThat(operation.get("parameters").findValuesAsText("name")).as(name).contains("Idempotency-Key");
            }
            assertThat(operation.get("tags")).as(name).hasSize(1);
            checked.add(name);
        }));
        assertThat(checked).contains("GET /api/v1/me", "POST /api/v1/campaigns", "DELETE /api/v1/campaigns/{id}");

        JsonNode me = description.at("/paths/~1api~1v1~1me/get");
        assertThat(me.has("x-permission")).isFalse();
        assertThat(me.get("responses").has("403")).isFalse();
        JsonNode create = description.at("/paths/~1api~1v1~1campaigns/post");
        assertThat(create.get("x-permission").asText()).isEqualTo("CAMPAIGNS_MANAGE");
        assertThat(create.get("tags").get(0).asText()).isEqualTo("Campaigns");
        JsonNode lifecycle = description.at("/paths/~1api~1v1~1campaigns~1{id}~1{action}/post/parameters");
        assertThat(lifecycle.findValues("enum").get(0)).extracting(JsonNode::asText)
                .containsExactly("start", "pause", "resume", "stop");
        assertThat(description.get("tags").findValuesAsText("name")).contains("Campaigns", "Contacts", "Access");
    }

    private static void assertProblemAnswer(String operation, JsonNode responses, String status) {
        assertThat(responses.has(status)).as("%s documents %s", operation, status).isTrue();
        assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                .as("%s answers %s as a problem", operation, status).endsWith("/ProblemDetail");
    }

    private JsonNode description() throws Exception {
        PortalClient admin = new PortalClient(port);
        admin.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> docs = admin.get("/v3/api-docs", "application/json");
        assertThat(docs.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(docs.body());
    }
}
