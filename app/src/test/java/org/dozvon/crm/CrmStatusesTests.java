package org.dozvon.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CRM status mapping: kept through the API and the page (Contacts → CRM statuses), checked field by field, and
 * applied to contacts a CRM writes with a {@code crmStatus}.
 */
class CrmStatusesTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private String s;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void suffix() {
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void statusesAreCreatedReadChangedAndDeletedThroughTheApi() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/crm-statuses",
                "{\"code\": \"Later-%s\", \"name\": \"Перезвонить позже\", \"action\": \"POSTPONE\", \"postponeMinutes\": 90}"
                        .formatted(s));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode status = json.readTree(created.body());
        long id = status.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/crm-statuses/" + id);
        assertThat(status.get("action").asText()).isEqualTo("POSTPONE");
        assertThat(status.get("postponeMinutes").asInt()).isEqualTo(90);
        assertThat(status.get("finalStatus").isNull()).isTrue();

        JsonNode all = json.readTree(send("GET", "/api/v1/crm-statuses", null).body());
        assertThat(all.get("items")).anySatisfy(item -> assertThat(item.get("code").asText()).isEqualTo("Later-" + s));

        HttpResponse<String> changed = send("PUT", "/api/v1/crm-statuses/" + id,
                "{\"code\": \"Later-%s\", \"name\": \"Отказ\", \"action\": \"FINAL\", \"finalStatus\": \"FAILURE\"}"
                        .formatted(s));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("finalStatus").asText()).isEqualTo("FAILURE");
        assertThat(json.readTree(changed.body()).get("postponeMinutes").isNull()).as("only a postponing status keeps one")
                .isTrue();

        HttpResponse<String> taken = send("POST", "/api/v1/crm-statuses",
                "{\"code\": \"LATER-%s\", \"name\": \"Twice\", \"action\": \"CALL\"}".formatted(s));
        assertThat(taken.statusCode()).as("codes are unique whatever their case").isEqualTo(422);
        assertThat(json.readTree(taken.body()).get("errors").has("code")).isTrue();
        HttpResponse<String> incomplete = send("POST", "/api/v1/crm-statuses",
                "{\"code\": \"p-%s\", \"name\": \"P\", \"action\": \"POSTPONE\"}".formatted(s));
        assertThat(json.readTree(incomplete.body()).get("errors").has("postponeMinutes")).isTrue();
        HttpResponse<String> noFinal = send("POST", "/api/v1/crm-statuses",
                "{\"code\": \"f-%s\", \"name\": \"F\", \"action\": \"FINAL\", \"finalStatus\": \"GONE\"}".formatted(s));
        assertThat(json.readTree(noFinal.body()).get("errors").has("finalStatus")).isTrue();

        assertThat(send("DELETE", "/api/v1/crm-statuses/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/crm-statuses/" + id, null).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select action from audit_event where object_type = 'crm-status' and object_id = :id order by id")
                .param("id", String.valueOf(id)).query(String.class).list())
                .containsExactly("crm-status.create", "crm-status.update", "crm-status.delete");
    }

    @Test
    void thePageListsCreatesChangesAndDeletesStatusesAndShowsRefusalsBesideTheirFields() throws Exception {
        PortalClient browser = portal();
        browser.login("admin", ADMIN_PASSWORD);
        HttpResponse<String> refused = browser.submit("/contacts/crm-statuses/new", "/contacts/crm-statuses",
                Map.of("code", "hold-" + s, "name", "Hold", "action", "POSTPONE", "postponeMinutes", "0"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("is-invalid").contains("1 to 527,040");

        HttpResponse<String> saved = browser.submit("/contacts/crm-statuses/new", "/contacts/crm-statuses",
                Map.of("code", "hold-" + s, "name", "Не трогать " + s, "action", "DO_NOT_TOUCH", "postponeMinutes", "",
                        "finalStatus", ""));
        assertThat(saved.statusCode()).isEqualTo(302);
        String list = browser.get("/contacts/crm-statuses").body();
        assertThat(list).contains("hold-" + s).contains("Не трогать " + s).contains("data-confirm");
        long id = jdbc.sql("select id from crm_status_mapping where code = :c").param("c", "hold-" + s)
                .query(Long.class).single();

        String form = browser.get("/contacts/crm-statuses/" + id).body();
        assertThat(form).contains("value=\"hold-" + s + "\"");
        assertThat(browser.postFormWithTokenOf(form, "/contacts/crm-statuses/" + id, Map.of("code", "hold-" + s,
                "name", "Final " + s, "action", "FINAL", "finalStatus", "SUCCESS")).statusCode()).isEqualTo(302);
        assertThat(browser.get("/contacts/crm-statuses").body()).contains("Final " + s);

        assertThat(browser.postFormWithTokenOf(form, "/contacts/crm-statuses/" + id + "/delete", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/contacts/crm-statuses").body()).doesNotContain("hold-" + s);
    }

    @Test
    void aContactWrittenWithACrmStatusKeepsItAndAnUnknownStatusRefusesTheContact() throws Exception {
        send("POST", "/api/v1/contact-fields", "{\"code\": \"id_%s\", \"name\": \"Id %1$s\", \"type\": \"TEXT\", \"clientId\": true}"
                .formatted(s));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"tel_%s\", \"name\": \"Tel %1$s\", \"type\": \"PHONE\"}".formatted(s));
        long listId = json.readTree(send("POST", "/api/v1/contact-lists",
                "{\"name\": \"CRM batch %1$s\", \"fields\": [{\"code\": \"id_%1$s\"}, {\"code\": \"tel_%1$s\"}]}".formatted(s))
                .body()).get("id").asLong();
        assertThat(send("POST", "/api/v1/crm-statuses", "{\"code\": \"new-%s\", \"name\": \"New\", \"action\": \"CALL\"}"
                .formatted(s)).statusCode()).isEqualTo(201);

        HttpResponse<String> written = send("POST", "/api/v1/contact-lists/" + listId + "/contacts?updateExisting=true", """
                [{"id_%1$s": "A-1", "tel_%1$s": "+79040000001", "crmStatus": "NEW-%1$s"},
                 {"id_%1$s": "A-2", "tel_%1$s": "+79040000002", "crmStatus": "unknown-%1$s"},
                 {"id_%1$s": "A-3", "tel_%1$s": "+79040000003", "crmStatus": "new-%1$s", "postponeUntil": "tomorrow"}]"""
                .formatted(s));

        JsonNode answer = json.readTree(written.body());
        assertThat(answer.get("inserted").asInt()).as(written.body()).isEqualTo(1);
        assertThat(answer.get("rejectedItems").get(0).get("problems").get(0).asText()).contains("crmStatus");
        assertThat(answer.get("rejectedItems").get(1).get("problems").get(0).asText()).contains("postponeUntil");
        JsonNode contact = json.readTree(send("GET", "/api/v1/contacts?clientId=A-1&listId=" + listId, null).body())
                .get("items").get(0);
        assertThat(contact.get("crmStatus").asText()).isEqualTo("new-" + s);
        assertThat(contact.get("fields").has("crmStatus")).as("not a value of the contact").isFalse();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return portal().apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
