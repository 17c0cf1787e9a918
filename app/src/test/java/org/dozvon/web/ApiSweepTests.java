package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApiPage;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every operation of {@code /api/v1}, as the OpenAPI description lists it (so endpoints added later are swept too,
 * with nothing to register here): without credentials it answers 401, to a caller without its permission 403, and
 * with an identifier that does not exist 404 — each as an RFC 7807 problem, never an HTML page, a 500 or a 200.
 * Every list answers a page ({@code items}, {@code nextCursor}) and refuses a bad {@code limit} with 422 naming it;
 * every JSON body refuses a field of the wrong kind with 422 naming the field.
 *
 * <p>Requests are as small as can be: the path's variables filled in, the body {@code {}} or {@code []} (multipart:
 * one tiny part per documented field), required query parameters given a plausible value. An endpoint must check
 * the caller's permission before it reads the request, and that the thing named by the path exists before it checks
 * the body.
 */
class ApiSweepTests extends ApplicationTestBase {

    private static final String PASSWORD = "Sweep-Password-1";
    /** Holds no role, so no permission: every operation that requires one must refuse it. */
    private static final String NOBODY = "sweep-nobody";
    private static final long UNKNOWN_ID = 987654321L;
    private static final String UNKNOWN_CODE = "NO_SUCH_987654321";

    /**
     * Values of path variables that do not name a thing (so they are not what the 404 is about), by name. An
     * endpoint with a variable that is neither an identifier ({@link #identifies}) nor listed here, nor an enum or a
     * date in the description, fails the sweep until it is added: nothing is skipped silently.
     */
    private static final Map<String, String> PLAIN_VARIABLES = Map.of(
            "year", "2030",
            "version", "1",
            // a phone of a contact: the contact's id in the same path is the unknown one
            "number", "+79001234567");

    /**
     * Operations whose unknown-id request may answer something else than 404, each with the reason. Keep it short:
     * prefer making the endpoint answer 404 first.
     */
    private static final Map<String, String> NOT_FOUND_EXCEPTIONS = Map.of();

    private static JsonNode description;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void nobody() {
        new TestUsers(context).ensure(NOBODY, PASSWORD, false);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationWithoutCredentialsIsUnauthorized() throws Exception {
        return operations().stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () ->
                assertProblem(operation, send(operation, operation.samplePath(), null, null), 401)));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesACallerWithoutItsPermission() throws Exception {
        return operations().stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
            if (operation.permission() == null) {
                assertThat(operation.anyAuthenticated())
                        .as("%s names no permission (x-permission) and is not open to every caller either", operation)
                        .isTrue();
                return;
            }
            assertProblem(operation, send(operation, operation.samplePath(), NOBODY, PASSWORD), 403);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOnAnUnknownIdIsNotFound() throws Exception {
        return operations().stream().filter(Operation::identifiesSomething)
                .map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
                    HttpResponse<String> response = send(operation, operation.samplePath(), "admin", ADMIN_PASSWORD);
                    String exception = NOT_FOUND_EXCEPTIONS.get(operation.toString());
                    if (exception != null) {
                        assertThat(response.statusCode()).as("%s (listed: %s)", operation, exception)
                                .isBetween(400, 499);
                        return;
                    }
                    assertProblem(operation, response, 404);
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyListAnswersOnePageAndRefusesABadLimitNamingIt() throws Exception {
        return operations().stream().filter(operation -> operation.method().equals("GET") && isPage(operation)
                        && !operation.identifiesSomething())
                .map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
                    HttpResponse<String> page = send(operation, operation.samplePath(), "admin", ADMIN_PASSWORD);
                    assertThat(page.statusCode()).as("%s: %s", operation, page.body()).isEqualTo(200);
                    JsonNode answer = json.readTree(page.body());
                    assertThat(answer.path("items").isArray()).as("%s: %s", operation, page.body()).isTrue();
                    assertThat(answer.has("nextCursor")).as("%s: %s", operation, page.body()).isTrue();
                    if (operation.parameters("query").stream().noneMatch(p -> p.path("name").asText().equals("limit"))) {
                        // a dictionary is a handful of codes: all on one page, no paging
                        assertThat(operation.path()).as("%s pages without ?limit=", operation)
                                .startsWith("/api/v1/dictionaries/");
                        return;
                    }

                    String sample = operation.samplePath();
                    HttpResponse<String> refused = send(operation, sample + (sample.contains("?") ? "&" : "?")
                            + "limit=0", "admin", ADMIN_PASSWORD);
                    assertProblem(operation, refused, 422);
                    assertThat(json.readTree(refused.body()).path("errors").has("limit")).as(refused.body()).isTrue();
                }));
    }

    /**
     * Every JSON body that creates or changes something (where the path names nothing that could be missing) refuses
     * a field of the wrong kind — an object where the description says text, a number, a yes/no or a list — with 422
     * naming that field, not 400 or 500.
     */
    @TestFactory
    Stream<DynamicTest> everyJsonBodyRefusesAFieldOfTheWrongKindNamingIt() throws Exception {
        return operations().stream().filter(operation -> !operation.identifiesSomething() && wrongKindField(operation) != null)
                .map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> {
                    String field = wrongKindField(operation);
                    HttpResponse<String> refused = send(operation, operation.samplePath(), "admin", ADMIN_PASSWORD,
                            "{\"" + field + "\": {\"of\": \"the wrong kind\"}}");
                    assertProblem(operation, refused, 422);
                    assertThat(json.readTree(refused.body()).path("errors").has(field))
                            .as("%s names %s: %s", operation, field, refused.body()).isTrue();
                }));
    }

    /** Whether the operation's 200 answer is an {@link ApiPage}: items and the next page's cursor. */
    private static boolean isPage(Operation operation) {
        JsonNode schema = resolve(operation.spec().path("responses").path("200").path("content").elements().hasNext()
                ? operation.spec().path("responses").path("200").path("content").elements().next().path("schema")
                : null);
        return schema != null && schema.path("properties").has("items") && schema.path("properties").has("nextCursor");
    }

    /** The first field of the operation's JSON body object that is text, a number, a yes/no or a list; or null. */
    private static String wrongKindField(Operation operation) {
        JsonNode schema = resolve(operation.spec().path("requestBody").path("content").path("application/json")
                .path("schema"));
        if (schema == null || !schema.has("properties")) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = schema.get("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getValue().path("type").asText();
            if (List.of("string", "integer", "number", "boolean", "array").contains(type)) {
                return field.getKey();
            }
        }
        return null;
    }

    /** A schema with its {@code $ref} followed into the description's components; null for none. */
    private static JsonNode resolve(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return description.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One operation of the description: method, path template, and what its request needs. */
    record Operation(String method, String path, JsonNode spec) {

        @Override
        public String toString() {
            return method + " " + path;
        }

        String permission() {
            return spec.hasNonNull("x-permission") ? spec.get("x-permission").asText() : null;
        }

        boolean anyAuthenticated() {
            return spec.path("x-any-authenticated").asBoolean(false);
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(parameter -> {
                if (in.equals(parameter.path("in").asText())) {
                    found.add(parameter);
                }
            });
            return found;
        }

        boolean identifiesSomething() {
            return parameters("path").stream().anyMatch(ApiSweepTests::identifies);
        }

        /** The path with identifiers that do not exist, other variables plausible, required query parameters set. */
        String samplePath() {
            String filled = path;
            for (JsonNode variable : parameters("path")) {
                filled = filled.replace("{" + variable.get("name").asText() + "}",
                        URLEncoder.encode(pathValue(variable), StandardCharsets.UTF_8));
            }
            List<String> query = new ArrayList<>();
            for (JsonNode parameter : parameters("query")) {
                if (parameter.path("required").asBoolean(false)) {
                    query.add(parameter.get("name").asText() + "="
                            + URLEncoder.encode(queryValue(parameter.path("schema")), StandardCharsets.UTF_8));
                }
            }
            return query.isEmpty() ? filled : filled + "?" + String.join("&", query);
        }

        private String pathValue(JsonNode variable) {
            JsonNode schema = variable.path("schema");
            String name = variable.get("name").asText();
            if (schema.has("enum")) {
                return schema.get("enum").get(0).asText();
            }
            if (identifies(variable)) {
                return isNumber(schema) ? String.valueOf(UNKNOWN_ID) : UNKNOWN_CODE;
            }
            if ("date".equals(schema.path("format").asText())) {
                return "2030-01-01";
            }
            String plain = PLAIN_VARIABLES.get(name);
            if (plain == null) {
                fail(this + ": path variable '" + name + "' is neither an identifier nor in PLAIN_VARIABLES");
            }
            return plain;
        }
    }

    /** Path variables named id, code or key (or …Id, …Code, …Key) name a thing that may not exist. */
    static boolean identifies(JsonNode variable) {
        if (variable.path("schema").has("enum")) {
            return false;
        }
        String name = variable.get("name").asText();
        return name.equals("id") || name.equals("code") || name.equals("key")
                || name.endsWith("Id") || name.endsWith("Code") || name.endsWith("Key");
    }

    private static boolean isNumber(JsonNode schema) {
        return "integer".equals(schema.path("type").asText()) || "number".equals(schema.path("type").asText());
    }

    private static String queryValue(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        if (schema.has("default")) {
            return schema.get("default").asText();
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> "1";
            case "boolean" -> "false";
            default -> switch (schema.path("format").asText()) {
                case "date" -> "2030-01-01";
                case "date-time" -> "2030-01-01T10:00:00Z";
                default -> "x";
            };
        };
    }

    private List<Operation> operations() throws Exception {
        if (description == null) {
            PortalClient admin = new PortalClient(port);
            admin.login("admin", ADMIN_PASSWORD);
            HttpResponse<String> docs = admin.get("/v3/api-docs", "application/json");
            assertThat(docs.statusCode()).isEqualTo(200);
            description = json.readTree(docs.body());
        }
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = description.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> operations.add(
                    new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), method.getValue())));
        }
        operations.sort(java.util.Comparator.comparing(Operation::path).thenComparing(Operation::method));
        assertThat(operations).hasSizeGreaterThan(50);
        return operations;
    }

    private HttpResponse<String> send(Operation operation, String path, String username, String password) {
        return send(operation, path, username, password, null);
    }

    /** Sends the operation; {@code jsonBody}, when given, in place of the smallest body. */
    private HttpResponse<String> send(Operation operation, String path, String username, String password,
                                      String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accepted(operation));
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode content = operation.spec().path("requestBody").path("content");
        if (content.has("application/json")) {
            String body = jsonBody != null ? jsonBody
                    : "array".equals(content.get("application/json").path("schema").path("type").asText()) ? "[]" : "{}";
            request.header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
        } else if (content.has("multipart/form-data")) {
            String boundary = "sweep-boundary";
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary).method(operation.method(),
                    HttpRequest.BodyPublishers.ofString(multipart(boundary, content.get("multipart/form-data"))));
        } else if (content.size() > 0) {
            fail(operation + ": a request body of " + content.fieldNames().next() + " is not swept yet");
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** What the operation answers on success (as documented), and problems. */
    private static String accepted(Operation operation) {
        List<String> types = new ArrayList<>();
        operation.spec().path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(types::add);
            }
        });
        types.remove("*/*");
        if (types.isEmpty()) {
            types.add("application/json");
        }
        types.add("application/problem+json");
        return String.join(", ", types);
    }

    /** One small part per documented field: a file for binary ones, "1" for the others. */
    private static String multipart(String boundary, JsonNode media) {
        StringBuilder body = new StringBuilder();
        media.path("schema").path("properties").fields().forEachRemaining(field -> {
            JsonNode schema = field.getValue().has("items") ? field.getValue().get("items") : field.getValue();
            body.append("--").append(boundary).append("\r\n");
            if ("binary".equals(schema.path("format").asText())) {
                body.append("Content-Disposition: form-data; name=\"").append(field.getKey())
                        .append("\"; filename=\"sweep.csv\"\r\nContent-Type: text/csv\r\n\r\nphone\r\n+79120000000\r\n");
            } else {
                body.append("Content-Disposition: form-data; name=\"").append(field.getKey()).append("\"\r\n\r\n1\r\n");
            }
        });
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    private void assertProblem(Operation operation, HttpResponse<String> response, int status) throws Exception {
        String shown = operation + " answered " + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("(no content type)") + ": "
                + response.body().substring(0, Math.min(300, response.body().length()));
        assertThat(response.statusCode()).as(shown).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(shown)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).as(shown).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(shown).isNotBlank();
    }
}
