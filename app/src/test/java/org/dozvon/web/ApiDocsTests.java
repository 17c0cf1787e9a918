package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

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
}
