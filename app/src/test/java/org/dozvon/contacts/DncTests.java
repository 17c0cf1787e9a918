package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Do-not-call lists flag contacts, never delete them: when a number is listed, and when a contact arrives. */
class DncTests extends ApplicationTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String s;
    private long listId;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void aContactList() throws Exception {
        api = portal();
        s = UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/v1/contact-fields", "{\"code\": \"dnc_phone_%s\", \"name\": \"Phone\", \"type\": \"PHONE\"}".formatted(s));
        send("POST", "/api/v1/contact-fields", "{\"code\": \"dnc_mail_%s\", \"name\": \"Mail\", \"type\": \"EMAIL\"}".formatted(s));
        HttpResponse<String> list = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"DNC test %1$s\", \"fields\": [{\"code\": \"dnc_phone_%1$s\"}, {\"code\": \"dnc_mail_%1$s\"}]}".formatted(s));
        listId = json.readTree(list.body()).get("id").asLong();
    }

    @Test
    void listingANumberFlagsExistingContactsAndRemovingItClearsTheFlag() throws Exception {
        String number = "+7912" + digits(7);
        addContact(number, null);
        long dncList = dncList();

        JsonNode report = json.readTree(send("POST", "/api/v1/dnc-lists/" + dncList + "/entries",
                "[\"8 " + number.substring(2, 5) + " " + number.substring(5) + "\", \"8-800\", \"Refused@Example.ORG\", \"not@mail\"]").body());
        assertThat(report.get("added").asInt()).isEqualTo(2);
        assertThat(report.get("rejected")).extracting(JsonNode::asText).containsExactly(
                "'8-800' is not a phone number: too short", "'not@mail' is not an e-mail address");
        assertThat(flags(number)).isEqualTo("DNC/true");

        long entryId = json.readTree(send("GET", "/api/v1/dnc-lists/" + dncList + "/entries?q=" + number.substring(1), null).body())
                .get("items").get(0).get("id").asLong();
        assertThat(send("DELETE", "/api/v1/dnc-lists/" + dncList + "/entries/" + entryId, null).statusCode()).isEqualTo(204);
        assertThat(flags(number)).isEqualTo("ACTIVE/false");
    }

    @Test
    void contactsArrivingWithAListedNumberOrAddressAreFlaggedAtOnce() throws Exception {
        String listed = "+7912" + digits(7);
        String clean = "+7912" + digits(7);
        String address = "blocked." + s + "@example.org";
        send("POST", "/api/v1/dnc-lists/" + dncList() + "/entries", "[\"" + listed + "\", \"" + address.toUpperCase() + "\"]");

        addContact(listed, null);
        addContact(clean, "Blocked." + s + "@Example.org");

        assertThat(flags(listed)).isEqualTo("DNC/true");
        assertThat(flags(clean)).as("the e-mail is listed, the phone is not").isEqualTo("ACTIVE/true");
    }

    @Test
    void numbersAndAddressesComeFromAFileToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path files) throws Exception {
        long dncList = dncList();
        java.nio.file.Path file = files.resolve("refusals.csv");
        java.nio.file.Files.writeString(file, "Телефон\n8 (912) 700-00-01\n+7 912 700 00 02\nnope\nstop@example.org\n",
                java.nio.charset.Charset.forName("windows-1251"));
        PortalClient admin = portal();
        admin.login("admin", ADMIN_PASSWORD);
        String page = "/contacts/dnc/" + dncList;

        HttpResponse<String> uploaded = admin.submitMultipart(page, page + "/import", java.util.Map.of("file", file));

        assertThat(uploaded.statusCode()).isEqualTo(302);
        String shown = admin.get(page).body();
        assertThat(shown).contains("Added: 3. Already listed: 0. Refused: 1.").contains("&#39;nope&#39; is not a phone number");
        assertThat(shown).contains("+79127000001").contains("stop@example.org");
    }

    private long dncList() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/dnc-lists",
                "{\"name\": \"Refusals %s %s\"}".formatted(s, UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private void addContact(String phone, String email) throws Exception {
        String body = email == null
                ? "[{\"dnc_phone_%s\": \"%s\"}]".formatted(s, phone)
                : "[{\"dnc_phone_%1$s\": \"%2$s\", \"dnc_mail_%1$s\": \"%3$s\"}]".formatted(s, phone, email);
        assertThat(json.readTree(send("POST", "/api/v1/contact-lists/" + listId + "/contacts", body).body())
                .get("inserted").asInt()).isEqualTo(1);
    }

    /** "phone status/contact flag" of the contact with this number in the test's list. */
    private String flags(String number) {
        return jdbc.sql("""
                        select p.status || '/' || c.dnc from contact_phone p join contact c on c.id = p.contact_id
                        where p.number = :number and c.list_id = :list""")
                .param("number", number).param("list", listId).query(String.class).single();
    }

    private static String digits(int count) {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())).substring(0, count);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }
}
