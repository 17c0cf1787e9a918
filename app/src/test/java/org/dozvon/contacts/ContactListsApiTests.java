package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact model through the REST API, as a CRM uses it. */
class ContactListsApiTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String suffix;
    private long listId;

    @BeforeEach
    void aListWithFields() throws Exception {
        api = portal();
        suffix = UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        field("name_" + suffix, "Name", "TEXT", false);
        field("phone_" + suffix, "Mobile", "PHONE", false);
        field("home_" + suffix, "Home phone", "PHONE", false);
        field("client_" + suffix, "Contract", "TEXT", true);
        field("amount_" + suffix, "Debt", "NUMBER", false);
        field("due_" + suffix, "Due date", "DATE", false);
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists", """
                {"name": "Debtors %1$s", "fields": [
                  {"code": "client_%1$s"}, {"code": "name_%1$s", "required": true}, {"code": "phone_%1$s", "required": true},
                  {"code": "home_%1$s"}, {"code": "amount_%1$s"}, {"code": "due_%1$s"}]}""".formatted(suffix));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        listId = json.readTree(list.body()).get("id").asLong();
    }

    @Test
    void goodContactsAreKeptAndBadOnesAreRefusedWithTheirReason() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"client_%1$s": "C-1", "name_%1$s": "Иван Петров", "phone_%1$s": "8 (912) 345-67-89", "amount_%1$s": "1 234,50", "due_%1$s": "24.11.2026"},
                 {"client_%1$s": "C-2", "name_%1$s": "Bad phone", "phone_%1$s": "8-800"},
                 {"client_%1$s": "C-3", "name_%1$s": "Bad number", "phone_%1$s": "+7 495 123 45 67", "amount_%1$s": "a lot"},
                 {"name_%1$s": "No client id", "phone_%1$s": "+7 495 123 45 68"},
                 {"client_%1$s": "C-1", "name_%1$s": "Twice", "phone_%1$s": "+7 495 123 45 69"},
                 {"client_%1$s": "C-6", "name_%1$s": "Мария", "phone_%1$s": "+79120000006", "home_%1$s": "8 343 123-45-67"}]
                """.formatted(suffix));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("inserted").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").asInt()).isEqualTo(4);
        List<String> reasons = new ArrayList<>();
        answer.get("rejectedItems").forEach(item -> reasons.add(item.get("index").asInt() + ": " + item.get("problems").get(0).asText()));
        assertThat(reasons).containsExactly(
                "1: field 'phone_" + suffix + "': '8-800' is not a phone number: too short",
                "2: field 'amount_" + suffix + "': 'a lot' is not a number",
                "3: field 'client_" + suffix + "' is required",
                "4: field 'client_" + suffix + "': 'C-1' is a client id that appears twice in the same batch");

        JsonNode page = json.readTree(send("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body());
        assertThat(page.get("items")).hasSize(2);
        JsonNode ivan = page.get("items").get(0).get("fields");
        assertThat(ivan.get("phone_" + suffix).asText()).isEqualTo("+79123456789");
        assertThat(ivan.get("amount_" + suffix).decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(ivan.get("due_" + suffix).asText()).isEqualTo("2026-11-24");
        assertThat(json.readTree(send("GET", "/api/v1/contact-lists/" + listId, null).body()).get("contactCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void existingContactsAreUpdatedByClientIdOnlyWhenAsked() throws Exception {
        String path = "/api/v1/contact-lists/" + listId + "/contacts";
        send("POST", path, "[{\"client_%1$s\": \"K-1\", \"name_%1$s\": \"Old\", \"phone_%1$s\": \"+79120000001\"}]".formatted(suffix));

        JsonNode refused = json.readTree(send("POST", path,
                "[{\"client_%1$s\": \"K-1\", \"name_%1$s\": \"New\", \"phone_%1$s\": \"+79120000002\"}]".formatted(suffix)).body());
        assertThat(refused.get("rejectedItems").get(0).get("problems").get(0).asText()).contains("'K-1' is a client id already in the list");

        JsonNode updated = json.readTree(send("POST", path + "?updateExisting=true",
                "[{\"client_%1$s\": \"K-1\", \"name_%1$s\": \"New\", \"phone_%1$s\": \"+79120000002\"}]".formatted(suffix)).body());
        assertThat(updated.get("updated").asInt()).isEqualTo(1);
        assertThat(updated.get("inserted").asInt()).isZero();

        JsonNode found = json.readTree(send("GET", path + "?q=8%20912%20000-00-02", null).body());
        assertThat(found.get("items")).hasSize(1);
        assertThat(found.get("items").get(0).get("fields").get("name_" + suffix).asText()).isEqualTo("New");
        assertThat(json.readTree(send("GET", path + "?q=%2B79120000001", null).body()).get("items"))
                .as("the old phone was replaced").isEmpty();
    }

    @Test
    void keysetPagesWalkTheWholeListOnce() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 250; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"client_%1$s\": \"P-%2$d\", \"name_%1$s\": \"N%2$d\", \"phone_%1$s\": \"+7912%3$07d\"}"
                    .formatted(suffix, i, i));
        }
        assertThat(json.readTree(send("POST", "/api/v1/contact-lists/" + listId + "/contacts", batch + "]").body())
                .get("inserted").asInt()).isEqualTo(250);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json.readTree(send("GET", "/api/v1/contact-lists/" + listId + "/contacts?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), null).body());
            page.get("items").forEach(item -> seen.add(item.get("clientId").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).hasSize(250).doesNotHaveDuplicates();
        var refused = send("GET", "/api/v1/contact-lists/" + listId + "/contacts?cursor=forged", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).at("/errors/cursor").asText()).contains("nextCursor");
        assertThat(send("GET", "/api/v1/contact-lists/" + listId + "/contacts?limit=5000", null).statusCode())
                .isEqualTo(422);
    }

    @Test
    void exportsTheListAsCsvAndXlsxWithFormulasDisarmed() throws Exception {
        send("POST", "/api/v1/contact-lists/" + listId + "/contacts",
                "[{\"client_%1$s\": \"E-1\", \"name_%1$s\": \"=HYPERLINK(\\\"http://evil\\\")\", \"phone_%1$s\": \"+79121112233\", \"amount_%1$s\": \"12.5\"}]"
                        .formatted(suffix));

        String csv = send("GET", "/api/v1/contact-lists/" + listId + "/export?format=csv", null).body();
        assertThat(csv).startsWith("\uFEFFid;Contract;Name;Mobile;Home phone;Debt;Due date;DNC");
        assertThat(csv).contains(";E-1;\"'=HYPERLINK(\"\"http://evil\"\")\";+79121112233;;12.5;;");

        java.net.http.HttpResponse<java.io.InputStream> xlsx = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/contact-lists/" + listId + "/export?format=xlsx"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                ("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(xlsx.body())) {
            var row = book.getSheetAt(0).getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("E-1");
            assertThat(row.getCell(2).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("+79121112233");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(12.5);
        }
    }

    @Test
    void listsRefuseWhatCannotWork() throws Exception {
        HttpResponse<String> noPhone = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"No phone %1$s\", \"fields\": [{\"code\": \"name_%1$s\"}]}".formatted(suffix));
        assertThat(noPhone.statusCode()).isEqualTo(422);
        assertThat(json.readTree(noPhone.body()).get("errors").get("fields").asText()).contains("at least one phone field");

        HttpResponse<String> unknown = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Unknown %1$s\", \"fields\": [{\"code\": \"nope_%1$s\"}]}".formatted(suffix));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("Unknown field codes");

        HttpResponse<String> badField = send("POST", "/api/v1/contact-fields",
                "{\"code\": \"Bad Code\", \"name\": \"x\", \"type\": \"TEXT\", \"mask\": \"[unclosed\"}");
        assertThat(badField.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(badField.body()).get("errors");
        assertThat(errors.get("code").asText()).contains("must start with a Latin letter");
        assertThat(errors.get("mask").asText()).contains("not a valid regular expression");

        assertThat(send("GET", "/api/v1/contact-lists/999999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void operatorsMayNotReadContacts() {
        new org.dozvon.access.TestUsers(applicationContext).ensure("contacts-operator", "Operator-pass-1", false, "OPERATOR");

        assertThat(api.apiSend("GET", "/api/v1/contact-lists", null, "contacts-operator", "Operator-pass-1").statusCode())
                .isEqualTo(403);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext applicationContext;

    private void field(String code, String name, String type, boolean clientId) {
        HttpResponse<String> response = send("POST", "/api/v1/contact-fields",
                "{\"code\": \"%s\", \"name\": \"%s\", \"type\": \"%s\", \"clientId\": %s}".formatted(code, name, type, clientId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
