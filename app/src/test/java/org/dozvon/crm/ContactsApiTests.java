package org.dozvon.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.dozvon.dialing.DialingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/v1/contacts} and {@code /api/v1/phone-blocks} in the shared application: a contact looked up by id and
 * by client id after a real call through the simulator, changed, its phones blocked and unblocked; and every endpoint's
 * refusals — 401 without credentials, 403 without the permission, 404 for an unknown id, 422 naming the field.
 */
class ContactsApiTests extends ApplicationTestBase {

    static final String PASSWORD = "Crm-Contacts-Pass-1";
    static final String ANALYST = "crm-analyst";
    static final String READER = "crm-reader";
    static final String READER_ROLE = "CRM_READER";
    static final String SUPERVISOR = "crm-supervisor";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    DialingFixture fixture;
    String s;
    long listId;
    long contactId;
    String clientId;
    String mobile;
    Long campaignId;

    @BeforeEach
    void aListWithAClientIdAndAContact() throws Exception {
        jdbc.sql("insert into access_role (code, name) values (:code, 'CRM reader') on conflict do nothing")
                .param("code", READER_ROLE).update();
        jdbc.sql("insert into access_role_permission (role_code, permission) values (:code, 'CONTACTS_VIEW')"
                + " on conflict do nothing").param("code", READER_ROLE).update();
        TestUsers users = new TestUsers(context);
        users.ensure(ANALYST, PASSWORD, false, "ANALYST");
        users.ensure(READER, PASSWORD, false, READER_ROLE);
        users.ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");

        fixture = new DialingFixture(port, ADMIN_PASSWORD, jdbc);
        s = fixture.suffix;
        created(fixture.send("POST", "/api/v1/contact-fields",
                "{\"code\": \"client_%s\", \"name\": \"Contract %1$s\", \"type\": \"TEXT\", \"clientId\": true,"
                        .formatted(s) + " \"access\": {\"SUPERVISOR\": \"MASKED\"}}"));
        created(fixture.send("POST", "/api/v1/contact-fields",
                "{\"code\": \"mobile_%s\", \"name\": \"Mobile %1$s\", \"type\": \"PHONE\"}".formatted(s)));
        created(fixture.send("POST", "/api/v1/contact-fields",
                "{\"code\": \"name_%s\", \"name\": \"Name %1$s\", \"type\": \"TEXT\"}".formatted(s)));
        listId = list("CRM " + s);
        clientId = "K-" + s;
        mobile = "+7901" + String.format("%07d", Math.floorMod(s.hashCode(), 10_000_000));
        contactId = add(listId, clientId, mobile, "Анна");
    }

    @AfterEach
    void stopTheCampaign() {
        if (campaignId != null) {
            fixture.send("POST", "/api/v1/campaigns/" + campaignId + "/stop", null);
        }
    }

    @Test
    void aContactLookedUpAfterARealCallShowsItsStatusStepAndAttempts() throws Exception {
        campaignId = fixture.startedCampaign(listId, "");
        DialingFixture.await("the contact's first call settled", Duration.ofSeconds(60), () -> jdbc.sql(
                        "select count(*) from dial_request where contact_id = :k and state = 'SETTLED'")
                .param("k", contactId).query(Long.class).single() >= 1);

        JsonNode contact = ok(fixture.send("GET", "/api/v1/contacts/" + contactId, null));

        assertThat(contact.get("clientId").asText()).isEqualTo(clientId);
        assertThat(contact.get("fields").get("name_" + s).asText()).isEqualTo("Анна");
        assertThat(contact.get("phones").get(0).get("number").asText()).isEqualTo(mobile);
        assertThat(contact.get("phones").get(0).get("active").asBoolean()).isTrue();
        JsonNode place = contact.get("campaigns").get(0);
        assertThat(place.get("campaignId").asLong()).isEqualTo(campaignId);
        assertThat(place.get("campaignStatus").asText()).isEqualTo("RUNNING");
        assertThat(place.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        if (place.get("status").asText().equals("FINISHED")) {
            assertThat(place.get("finalStatus").isNull()).isFalse();
            assertThat(place.get("step").isNull()).isTrue();
        } else {
            assertThat(place.get("step").get("activityId").asText()).isIn("Timer_Window", "Gateway_WaitOutcome");
            assertThat(place.get("step").get("name").asText()).isNotBlank();
        }
        JsonNode attempt = place.get("history").get(place.get("history").size() - 1);
        assertThat(attempt.get("kind").asText()).isEqualTo("CALL");
        assertThat(attempt.get("phone").asText()).isEqualTo(mobile);
        assertThat(attempt.get("state").asText()).isEqualTo("SETTLED");
        assertThat(Instant.parse(attempt.get("startedAt").asText())).isBeforeOrEqualTo(Instant.parse(attempt.get("endedAt").asText()));
        assertThat(attempt.get("outcome").asText()).isIn("ANSWERED", "NO_ANSWER", "BUSY", "REJECTED", "MACHINE", "FAILED");
        assertThat(attempt.get("completionCode").isNull()).isFalse();

        JsonNode byClientId = ok(fixture.send("GET", "/api/v1/contacts?clientId=" + clientId, null));
        assertThat(byClientId.get("items")).hasSize(1);
        assertThat(byClientId.get("items").get(0).get("id").asLong()).isEqualTo(contactId);
        assertThat(byClientId.get("items").get(0).get("campaigns").get(0).get("attempts").asInt())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aClientIdRepeatedAcrossListsAnswersAPageAndAMaskedClientIdMatchesNothing() throws Exception {
        long otherList = list("CRM other " + s);
        long other = add(otherList, clientId, "+7902" + mobile.substring(5), "Борис");

        JsonNode everywhere = ok(fixture.send("GET", "/api/v1/contacts?clientId=" + clientId + "&limit=1", null));
        assertThat(everywhere.get("items")).hasSize(1);
        assertThat(everywhere.get("items").get(0).get("id").asLong()).isEqualTo(contactId);
        JsonNode next = ok(fixture.send("GET", "/api/v1/contacts?clientId=" + clientId + "&limit=1&cursor="
                + everywhere.get("nextCursor").asText(), null));
        assertThat(next.get("items").get(0).get("id").asLong()).isEqualTo(other);
        assertThat(next.get("nextCursor").isNull()).isTrue();
        JsonNode inOne = ok(fixture.send("GET", "/api/v1/contacts?clientId=" + clientId + "&listId=" + otherList, null));
        assertThat(inOne.get("items")).extracting(item -> item.get("id").asLong()).containsExactly(other);

        JsonNode masked = fixture.read(portal().api("/api/v1/contacts?clientId=" + clientId,
                SUPERVISOR, PASSWORD).body());
        assertThat(masked.get("items")).as("a client id the supervisor sees masked cannot be probed").isEmpty();
        JsonNode shown = fixture.read(portal().api("/api/v1/contacts/" + contactId, SUPERVISOR,
                PASSWORD).body());
        assertThat(shown.get("clientId").asText()).contains("***").isNotEqualTo(clientId);
        assertThat(shown.get("fields").get("client_" + s).asText()).contains("***");
    }

    @Test
    void aContactsValuesAreChangedOrReplacedAndABadValueIsRefusedNamingItsField() throws Exception {
        JsonNode patched = ok(fixture.send("PATCH", "/api/v1/contacts/" + contactId,
                "{\"fields\": {\"name_%s\": \"Мария\"}}".formatted(s)));
        assertThat(patched.get("fields").get("name_" + s).asText()).isEqualTo("Мария");
        assertThat(patched.get("phones").get(0).get("number").asText()).as("the others keep theirs").isEqualTo(mobile);

        HttpResponse<String> bad = fixture.send("PATCH", "/api/v1/contacts/" + contactId,
                "{\"fields\": {\"name_%1$s\": \"Ольга\", \"mobile_%1$s\": \"8-800\"}}".formatted(s));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(fixture.read(bad.body()).get("errors").has("mobile_" + s)).isTrue();
        assertThat(ok(fixture.send("GET", "/api/v1/contacts/" + contactId, null)).get("fields").get("name_" + s).asText())
                .as("nothing saved when anything is refused").isEqualTo("Мария");

        JsonNode replaced = ok(fixture.send("PUT", "/api/v1/contacts/" + contactId,
                "{\"fields\": {\"client_%1$s\": \"%2$s\", \"mobile_%1$s\": \"8 902 %3$s\"}}"
                        .formatted(s, clientId, mobile.substring(5))));
        assertThat(replaced.get("fields").has("name_" + s)).as("a field not sent is cleared").isFalse();
        assertThat(replaced.get("phones").get(0).get("number").asText()).isEqualTo("+7902" + mobile.substring(5));
        assertThat(jdbc.sql("select count(*) from audit_event where object_type = 'contact' and object_id = :id"
                        + " and action in ('contact.update', 'contact.replace')")
                .param("id", String.valueOf(contactId)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aPhoneIsBlockedAndUnblockedAndBlocksAreListed() throws Exception {
        JsonNode blocked = ok(fixture.send("POST", "/api/v1/contacts/" + contactId + "/phones/" + mobile + "/block",
                "{\"reason\": \"Wrong person\"}"));
        JsonNode phone = blocked.get("phones").get(0);
        assertThat(phone.get("active").asBoolean()).as("blocked in every campaign").isFalse();
        assertThat(phone.get("blocks").get(0).get("reason").asText()).isEqualTo("Wrong person");
        assertThat(phone.get("blocks").get(0).get("by").asText()).isEqualTo("admin");

        JsonNode listed = ok(fixture.send("GET", "/api/v1/phone-blocks?contactId=" + contactId, null));
        assertThat(listed.get("items")).singleElement().satisfies(block -> {
            assertThat(block.get("number").asText()).isEqualTo(mobile);
            assertThat(block.get("campaignId").isNull()).isTrue();
        });
        assertThat(ok(fixture.send("GET", "/api/v1/phone-blocks?number=" + mobile, null)).get("items")).hasSize(1);

        JsonNode unblocked = ok(fixture.send("POST", "/api/v1/contacts/" + contactId + "/phones/" + mobile + "/unblock", null));
        assertThat(unblocked.get("phones").get(0).get("blocks")).isEmpty();
        assertThat(unblocked.get("phones").get(0).get("active").asBoolean()).isTrue();
    }

    @Test
    void everyEndpointAnswers401WithoutCredentials403WithoutThePermission404ForAnUnknownIdAnd422NamingTheField()
            throws Exception {
        long unknown = 9_000_000_000L;
        String status = "st-" + s;
        long statusId = fixture.read(created(fixture.send("POST", "/api/v1/crm-statuses",
                "{\"code\": \"%s\", \"name\": \"Status %s\", \"action\": \"CALL\"}".formatted(status, s))).body())
                .get("id").asLong();
        long blockId = fixture.read(created(fixture.send("POST", "/api/v1/phone-blocks",
                "{\"number\": \"+7903%s\"}".formatted(mobile.substring(5)))).body()).get("id").asLong();
        String c = "/api/v1/contacts/";
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", c + "{id}", contactId, null, null, null, null, ANALYST),
                new Endpoint("GET", "/api/v1/contacts?clientId=x", null, null, "/api/v1/contacts", null, "clientId", ANALYST),
                new Endpoint("PATCH", c + "{id}", contactId, "{\"fields\": {}}", null,
                        "{\"fields\": {\"mobile_" + s + "\": \"8-800\"}}", "mobile_" + s, READER),
                new Endpoint("PUT", c + "{id}", contactId, "{\"fields\": {}}", null,
                        "{\"fields\": {}, \"crmStatus\": \"no-such-" + s + "\"}", "crmStatus", READER),
                new Endpoint("POST", c + "{id}/cancel", contactId, "{}", null,
                        "{\"campaignId\": " + unknown + "}", "campaignId", READER),
                new Endpoint("POST", c + "{id}/block", contactId, "{}", null,
                        "{\"campaignId\": " + unknown + "}", "campaignId", READER),
                new Endpoint("POST", c + "{id}/phones/" + mobile + "/block", contactId, "{}", null,
                        "{\"reason\": \"" + "x".repeat(501) + "\"}", "reason", READER),
                new Endpoint("POST", c + "{id}/phones/" + mobile + "/unblock", contactId, "{}",
                        c + contactId + "/phones/abc/unblock", "{}", "number", READER),
                new Endpoint("POST", c + "{id}/agent-result", contactId, "{\"code\": \"SALE\"}", null,
                        "{\"code\": \"SALE\"}", "campaignId", READER),
                new Endpoint("GET", "/api/v1/phone-blocks", null, null, "/api/v1/phone-blocks?number=abc", null,
                        "number", ANALYST),
                new Endpoint("GET", "/api/v1/phone-blocks/{id}", blockId, null, null, null, null, ANALYST),
                new Endpoint("POST", "/api/v1/phone-blocks", null, "{\"number\": \"abc\"}", null,
                        "{\"number\": \"abc\"}", "number", READER),
                new Endpoint("DELETE", "/api/v1/phone-blocks/{id}", blockId, null, null, null, null, READER),
                new Endpoint("GET", "/api/v1/crm-statuses", null, null, null, null, null, ANALYST),
                new Endpoint("GET", "/api/v1/crm-statuses/{id}", statusId, null, null, null, null, ANALYST),
                new Endpoint("POST", "/api/v1/crm-statuses", null, "{}", null, "{\"action\": \"CALL\"}", "code", READER),
                new Endpoint("PUT", "/api/v1/crm-statuses/{id}", statusId, "{}", null,
                        "{\"code\": \"" + status + "\", \"name\": \"x\", \"action\": \"NEVER\"}", "action", READER),
                new Endpoint("DELETE", "/api/v1/crm-statuses/{id}", statusId, null, null, null, null, READER));

        List<String> wrong = new ArrayList<>();
        for (Endpoint e : endpoints) {
            String path = e.path().replace("{id}", String.valueOf(e.id() == null ? 0 : e.id()));
            expect(wrong, e, "no credentials", send(e.method(), path, e.body(), null), 401);
            expect(wrong, e, "without the permission", send(e.method(), path, e.body(), e.lacking()), 403);
            if (e.id() != null) {
                expect(wrong, e, "unknown id", send(e.method(), e.path().replace("{id}", String.valueOf(unknown)),
                        e.body(), "admin"), 404);
            }
            if (e.invalidField() != null) {
                HttpResponse<String> response = send(e.method(), e.invalidPath() != null ? e.invalidPath() : path,
                        e.invalidBody(), "admin");
                expect(wrong, e, "invalid", response, 422);
                if (response.statusCode() == 422 && !fixture.read(response.body()).path("errors").has(e.invalidField())) {
                    wrong.add(e.method() + " " + e.path() + ": 422 without errors." + e.invalidField() + ": " + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * @param path        with {id} for the endpoint's id
     * @param invalidPath the path of the invalid request, when it differs (a query parameter)
     * @param lacking     a user without the endpoint's permission
     */
    record Endpoint(String method, String path, Long id, String body, String invalidPath, String invalidBody,
                    String invalidField, String lacking) {
    }

    private static void expect(List<String> wrong, Endpoint e, String what, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            wrong.add(e.method() + " " + e.path() + " " + what + ": " + response.statusCode() + " instead of " + status
                    + " " + response.body());
        } else if (!response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
            wrong.add(e.method() + " " + e.path() + " " + what + ": not a problem: " + response.headers().map());
        }
    }

    /** A request as {@code user} (HTTP Basic; "admin" the administrator), or with no credentials (null). */
    private HttpResponse<String> send(String method, String path, String body, String user) {
        if (user != null) {
            return portal().apiSend(method, path, body, user, user.equals("admin") ? ADMIN_PASSWORD : PASSWORD);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    private long list(String name) throws Exception {
        return fixture.read(created(fixture.send("POST", "/api/v1/contact-lists", """
                {"name": "%s", "fields": [{"code": "client_%2$s"}, {"code": "mobile_%2$s"}, {"code": "name_%2$s"}]}"""
                .formatted(name, s))).body()).get("id").asLong();
    }

    private long add(long list, String client, String phone, String name) throws Exception {
        HttpResponse<String> added = fixture.send("POST", "/api/v1/contact-lists/" + list + "/contacts",
                "[{\"client_%1$s\": \"%2$s\", \"mobile_%1$s\": \"%3$s\", \"name_%1$s\": \"%4$s\"}]"
                        .formatted(s, client, phone, name));
        assertThat(fixture.read(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(1);
        return fixture.read(fixture.send("GET", "/api/v1/contact-lists/" + list + "/contacts", null).body())
                .get("items").get(0).get("id").asLong();
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fixture.read(response.body());
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }
}
