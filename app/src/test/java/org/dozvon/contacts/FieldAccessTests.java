package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Field access per role (manual 3.1.1.5) over the real application: a field masked for a role is masked in the
 * contacts pages, API answers and exports for a user of that role, in clear for a supervisor; a hidden field is
 * absent; a mask never overwrites the value; a search never matches a value the user may not read.
 */
class FieldAccessTests extends ApplicationTestBase {

    /** A role of the installation's own: operators who also keep lists (contacts pages, no workplace rights needed). */
    static final String CLERK_ROLE = "LIST_CLERK";
    private static final String PASSWORD = "Field-Access-1";
    private static final String CLERK = "field-clerk";
    private static final String SUPERVISOR = "field-supervisor";
    private static final String BOTH = "field-clerk-supervisor";

    private static final String MOBILE = "+79123456789";
    private static final String MOBILE_MASKED = "+7 912 *** ** 89";
    private static final String EMAIL = "ivan.petrov@mail.ru";
    private static final String EMAIL_MASKED = "i***@mail.ru";
    private static final String PASSPORT = "4510 123456";
    private static final String CONTRACT = "K-100200";
    private static final String CONTRACT_MASKED = "K***0";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private String s;
    private long listId;
    private long contactId;
    private long mobileFieldId;

    @BeforeEach
    void aListWhoseFieldsAreRestrictedForOperatorsAndClerks() throws Exception {
        jdbc.sql("insert into access_role (code, name) values (:code, 'List clerk') on conflict do nothing")
                .param("code", CLERK_ROLE).update();
        jdbc.sql("insert into access_role_permission (role_code, permission) values (:code, 'CONTACTS_VIEW'),"
                + " (:code, 'CONTACTS_MANAGE') on conflict do nothing").param("code", CLERK_ROLE).update();
        TestUsers users = new TestUsers(context);
        users.ensure(CLERK, PASSWORD, false, "OPERATOR", CLERK_ROLE);
        users.ensure(SUPERVISOR, PASSWORD, false, "SUPERVISOR");
        users.ensure(BOTH, PASSWORD, false, CLERK_ROLE, "SUPERVISOR");

        s = UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        field("contract", "Contract", "TEXT", true, "{\"OPERATOR\": \"MASKED\", \"%s\": \"MASKED\"}".formatted(CLERK_ROLE));
        field("name", "Name", "TEXT", false, null);
        mobileFieldId = field("mobile", "Mobile", "PHONE", false,
                "{\"OPERATOR\": \"MASKED\", \"%s\": \"MASKED\"}".formatted(CLERK_ROLE));
        field("email", "E-mail", "EMAIL", false, "{\"OPERATOR\": \"HIDDEN\", \"%s\": \"MASKED\"}".formatted(CLERK_ROLE));
        field("passport", "Passport", "TEXT", false, "{\"OPERATOR\": \"HIDDEN\", \"%s\": \"HIDDEN\"}".formatted(CLERK_ROLE));
        HttpResponse<String> list = admin("POST", "/api/v1/contact-lists", """
                {"name": "Masked %1$s", "fields": [{"code": "contract_%1$s"}, {"code": "name_%1$s"}, {"code": "mobile_%1$s"},
                  {"code": "email_%1$s"}, {"code": "passport_%1$s"}]}""".formatted(s));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        listId = json.readTree(list.body()).get("id").asLong();
        HttpResponse<String> added = admin("POST", "/api/v1/contact-lists/" + listId + "/contacts", """
                [{"contract_%1$s": "%2$s", "name_%1$s": "Иван Петров", "mobile_%1$s": "%3$s", "email_%1$s": "%4$s",
                  "passport_%1$s": "%5$s"}]""".formatted(s, CONTRACT, MOBILE, EMAIL, PASSPORT));
        assertThat(json.readTree(added.body()).get("inserted").asInt()).as(added.body()).isEqualTo(1);
        contactId = jdbc.sql("select id from contact where list_id = :list").param("list", listId).query(Long.class).single();
    }

    @Test
    void accessByRoleIsSetOnTheFieldFormAndOverTheApi() throws Exception {
        PortalClient portal = portal();
        portal.login("admin", ADMIN_PASSWORD);
        String form = portal.get("/contacts/fields/" + mobileFieldId).body();
        assertThat(form).contains("Access by role").contains("name=\"access_OPERATOR\"").contains("name=\"access_ADMIN\"");
        assertThat(selected(form, "access_OPERATOR")).isEqualTo("MASKED");
        assertThat(selected(form, "access_ADMIN")).isEqualTo("VISIBLE");

        Map<String, String> change = new LinkedHashMap<>(Map.of("name", "Mobile", "type", "PHONE",
                "access_OPERATOR", "HIDDEN", "access_AUDITOR", "MASKED", "access_ADMIN", "VISIBLE"));
        assertThat(portal.submit("/contacts/fields/" + mobileFieldId, "/contacts/fields/" + mobileFieldId, change)
                .statusCode()).isEqualTo(302);
        JsonNode field = json.readTree(admin("GET", "/api/v1/contact-fields/" + mobileFieldId, null).body());
        assertThat(field.get("access").toString()).isEqualTo("{\"AUDITOR\":\"MASKED\",\"OPERATOR\":\"HIDDEN\"}");
        assertThat(portal.get("/contacts/fields").body()).contains("mobile_" + s).contains("OPERATOR</span>:");

        HttpResponse<String> replaced = admin("PUT", "/api/v1/contact-fields/" + mobileFieldId + "/access",
                "{\"OPERATOR\": \"MASKED\", \"%s\": \"MASKED\", \"SUPERVISOR\": \"VISIBLE\"}".formatted(CLERK_ROLE));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json.readTree(replaced.body()).get("access").toString())
                .isEqualTo("{\"%s\":\"MASKED\",\"OPERATOR\":\"MASKED\"}".formatted(CLERK_ROLE));

        HttpResponse<String> unknown = admin("PUT", "/api/v1/contact-fields/" + mobileFieldId + "/access",
                "{\"NO_SUCH_ROLE\": \"HIDDEN\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("There is no role 'NO_SUCH_ROLE'");
        HttpResponse<String> badForm = portal.submit("/contacts/fields/" + mobileFieldId, "/contacts/fields/" + mobileFieldId,
                Map.of("name", "Mobile", "type", "PHONE", "access_OPERATOR", "SOMETIMES"));
        assertThat(badForm.statusCode()).isEqualTo(400);
        assertThat(badForm.body()).contains("Choose Visible, Masked or Hidden for each role.");
    }

    @Test
    void maskedFieldsAreMaskedAndHiddenOnesAbsentInPagesApiAndExportsForAnOperatorRoleUser() throws Exception {
        PortalClient clerk = portal();
        clerk.login(CLERK, PASSWORD);

        String page = clerk.get("/contacts/lists/" + listId).body();
        assertThat(page).contains("Иван Петров").contains(MOBILE_MASKED).contains(EMAIL_MASKED).contains(CONTRACT_MASKED)
                .doesNotContain(MOBILE).doesNotContain(EMAIL).doesNotContain(CONTRACT)
                .doesNotContain(PASSPORT).doesNotContain(">Passport<");

        String card = clerk.get("/contacts/lists/" + listId + "/contacts/" + contactId).body();
        assertThat(card).contains("Иван Петров").contains(MOBILE_MASKED).contains(EMAIL_MASKED)
                .doesNotContain(MOBILE).doesNotContain(EMAIL).doesNotContain(CONTRACT)
                .doesNotContain(PASSPORT).doesNotContain("f_passport_" + s).contains("masked for you");
        assertThat(inputs(card).get("mobile_" + s)).isEqualTo(MOBILE_MASKED);

        JsonNode contact = json.readTree(clerk.api("/api/v1/contact-lists/" + listId + "/contacts", CLERK, PASSWORD).body())
                .get("items").get(0);
        assertThat(contact.get("clientId").asText()).isEqualTo(CONTRACT_MASKED);
        assertThat(json.convertValue(contact.get("fields"), Map.class)).isEqualTo(Map.of("contract_" + s, CONTRACT_MASKED,
                "name_" + s, "Иван Петров", "mobile_" + s, MOBILE_MASKED, "email_" + s, EMAIL_MASKED));

        String csv = clerk.api("/api/v1/contact-lists/" + listId + "/export?format=csv", CLERK, PASSWORD, "text/csv").body();
        assertThat(csv).startsWith("\uFEFFid;Contract;Name;Mobile;E-mail;DNC")
                .contains(";" + CONTRACT_MASKED + ";Иван Петров;'" + MOBILE_MASKED + ";" + EMAIL_MASKED + ";")
                .doesNotContain(MOBILE).doesNotContain(PASSPORT);
        Row row = xlsxRow(CLERK);
        assertThat(row.getLastCellNum()).isEqualTo((short) 6);
        assertThat(row.getCell(3).getStringCellValue()).isEqualTo(MOBILE_MASKED);
        assertThat(row.getCell(4).getStringCellValue()).isEqualTo(EMAIL_MASKED);
    }

    @Test
    void aSupervisorSeesTheSameContactInClear() throws Exception {
        PortalClient supervisor = portal();
        supervisor.login(SUPERVISOR, PASSWORD);
        assertThat(supervisor.get("/contacts/lists/" + listId).body()).contains(MOBILE).contains(EMAIL).contains(CONTRACT)
                .doesNotContain("***");
        assertThat(supervisor.get("/contacts/lists/" + listId + "/contacts/" + contactId).body()).contains(PASSPORT)
                .contains(MOBILE).doesNotContain("***");
        JsonNode contact = json.readTree(supervisor.api("/api/v1/contact-lists/" + listId + "/contacts", SUPERVISOR, PASSWORD)
                .body()).get("items").get(0);
        assertThat(contact.get("fields").get("mobile_" + s).asText()).isEqualTo(MOBILE);
        assertThat(contact.get("fields").get("passport_" + s).asText()).isEqualTo(PASSPORT);
        assertThat(contact.get("clientId").asText()).isEqualTo(CONTRACT);
        assertThat(supervisor.api("/api/v1/contact-lists/" + listId + "/export?format=csv", SUPERVISOR, PASSWORD, "text/csv")
                .body()).contains("Passport").contains(";" + MOBILE + ";").contains(PASSPORT);
        assertThat(xlsxRow(SUPERVISOR).getCell(3).getStringCellValue()).isEqualTo(MOBILE);
    }

    @Test
    void aUserWithSeveralRolesGetsTheMostOpenAccessAmongThem() throws Exception {
        JsonNode contact = json.readTree(portal().api("/api/v1/contact-lists/" + listId + "/contacts", BOTH, PASSWORD).body())
                .get("items").get(0);
        assertThat(contact.get("fields").get("mobile_" + s).asText()).isEqualTo(MOBILE);
        assertThat(contact.get("fields").get("passport_" + s).asText()).isEqualTo(PASSPORT);
    }

    @Test
    void savingTheEditFormUnchangedKeepsTheRealValuesOfMaskedAndHiddenFields() throws Exception {
        PortalClient clerk = portal();
        clerk.login(CLERK, PASSWORD);
        String path = "/contacts/lists/" + listId + "/contacts/" + contactId;
        Map<String, String> form = new LinkedHashMap<>();
        inputs(clerk.get(path).body()).forEach((code, value) -> form.put("f_" + code, value));
        assertThat(form).containsEntry("f_mobile_" + s, MOBILE_MASKED).doesNotContainKey("f_passport_" + s);
        form.put("f_name_" + s, "Иван Сидоров");
        // even a value typed over the read-only mask is not taken
        form.put("f_email_" + s, "someone@else.ru");

        HttpResponse<String> saved = clerk.submit(path, path, form);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        JsonNode fields = json.readTree(admin("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body())
                .get("items").get(0).get("fields");
        assertThat(fields.get("name_" + s).asText()).isEqualTo("Иван Сидоров");
        assertThat(fields.get("mobile_" + s).asText()).isEqualTo(MOBILE);
        assertThat(fields.get("email_" + s).asText()).isEqualTo(EMAIL);
        assertThat(fields.get("passport_" + s).asText()).isEqualTo(PASSPORT);
        assertThat(fields.get("contract_" + s).asText()).isEqualTo(CONTRACT);
        assertThat(jdbc.sql("select number from contact_phone where contact_id = :id").param("id", contactId)
                .query(String.class).single()).isEqualTo(MOBILE);
    }

    @Test
    void aMaskSentBackOverTheApiIsRefusedAndTheValueKept() throws Exception {
        HttpResponse<String> answer = portal().apiSend("POST",
                "/api/v1/contact-lists/" + listId + "/contacts?updateExisting=true", """
                [{"contract_%1$s": "%2$s", "name_%1$s": "Иван Петров", "mobile_%1$s": "%3$s", "email_%1$s": "%4$s"}]"""
                        .formatted(s, CONTRACT, MOBILE_MASKED, EMAIL_MASKED), CLERK, PASSWORD);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.get("rejected").asInt()).isEqualTo(1);
        assertThat(result.get("updated").asInt()).isZero();
        List<String> problems = new ArrayList<>();
        result.get("rejectedItems").get(0).get("problems").forEach(problem -> problems.add(problem.asText()));
        assertThat(problems).containsExactly(
                "field 'mobile_%s': '%s' is masked for you: send the real value or leave the field out".formatted(s, MOBILE_MASKED),
                "field 'email_%s': '%s' is masked for you: send the real value or leave the field out".formatted(s, EMAIL_MASKED));
        JsonNode fields = json.readTree(admin("GET", "/api/v1/contact-lists/" + listId + "/contacts", null).body())
                .get("items").get(0).get("fields");
        assertThat(fields.get("mobile_" + s).asText()).isEqualTo(MOBILE);
        assertThat(fields.get("passport_" + s).asText()).isEqualTo(PASSPORT);
    }

    @Test
    void searchingByAValueTheUserCannotReadFindsNothing() {
        PortalClient clerk = portal();
        clerk.login(CLERK, PASSWORD);
        String base = "/contacts/lists/" + listId + "?q=";
        assertThat(clerk.get(base + "89123456789").body()).contains("No contact matches");
        assertThat(clerk.get(base + CONTRACT).body()).contains("No contact matches");
        assertThat(clerk.get(base + EMAIL).body()).contains("No contact matches");
        assertThat(clerk.get(base + "4510%20123456").body()).contains("No contact matches");
        assertThat(clerk.api("/api/v1/contact-lists/" + listId + "/contacts?q=%2B79123456789", CLERK, PASSWORD).body())
                .isEqualTo("{\"items\":[],\"nextCursor\":null}");
        assertThat(clerk.get(base + "%D0%98%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2").body())
                .as("a field in clear is searched as before").contains(MOBILE_MASKED);

        PortalClient supervisor = portal();
        supervisor.login(SUPERVISOR, PASSWORD);
        assertThat(supervisor.get(base + "89123456789").body()).contains(MOBILE);
        assertThat(supervisor.get(base + CONTRACT).body()).contains(MOBILE);
    }

    private long field(String code, String name, String type, boolean clientId, String access) throws Exception {
        HttpResponse<String> created = admin("POST", "/api/v1/contact-fields",
                "{\"code\": \"%s_%s\", \"name\": \"%s\", \"type\": \"%s\", \"clientId\": %s%s}".formatted(code, s, name, type,
                        clientId, access == null ? "" : ", \"access\": " + access));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return portal().apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }

    private Row xlsxRow(String username) throws Exception {
        HttpResponse<InputStream> xlsx = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(portal().uri("/api/v1/contact-lists/" + listId + "/export?format=xlsx"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (XSSFWorkbook book = new XSSFWorkbook(xlsx.body())) {
            return book.getSheetAt(0).getRow(1);
        }
    }

    /** The contact form's inputs: field code to the value shown. */
    private static Map<String, String> inputs(String page) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*>").matcher(page);
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"f_([a-z0-9_]+)\"").matcher(input.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            if (name.find()) {
                inputs.put(name.group(1), value.find() ? value.group(1) : "");
            }
        }
        return inputs;
    }

    private static String selected(String page, String select) {
        Matcher matcher = Pattern.compile("name=\"" + select + "\">(.*?)</select>", Pattern.DOTALL).matcher(page);
        assertThat(matcher.find()).as("select %s", select).isTrue();
        Matcher option = Pattern.compile("value=\"([A-Z]+)\" selected").matcher(matcher.group(1));
        assertThat(option.find()).as("an option of %s selected", select).isTrue();
        return option.group(1);
    }
}
