package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A supervisor builds a list and works with its contacts through the portal's forms. */
class ContactPagesTests extends ApplicationTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void supervisorDefinesFieldsAListAndItsContacts() {
        new TestUsers(context).ensure("contacts-supervisor", "Supervisor-pass-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("contacts-supervisor", "Supervisor-pass-1");
        String s = UUID.randomUUID().toString().substring(0, 8);

        assertThat(portal.submit("/contacts/fields/new", "/contacts/fields",
                Map.of("code", "fio_" + s, "name", "ФИО " + s, "type", "TEXT")).statusCode()).isEqualTo(302);
        HttpResponse<String> badField = portal.submit("/contacts/fields/new", "/contacts/fields",
                Map.of("code", "1bad", "name", "", "type", "TEXT"));
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(badField.body()).contains("must start with a Latin letter").contains("Enter the name of the field");
        portal.submit("/contacts/fields/new", "/contacts/fields", Map.of("code", "tel_" + s, "name", "Телефон " + s, "type", "PHONE"));
        String fields = portal.get("/contacts/fields").body();
        long fio = idOf(fields, "fio_" + s);
        long tel = idOf(fields, "tel_" + s);

        HttpResponse<String> noPhone = portal.submit("/contacts/lists/new", "/contacts/lists",
                Map.of("name", "Клиенты " + s, "fields", String.valueOf(fio)));
        assertThat(noPhone.statusCode()).isEqualTo(400);
        assertThat(noPhone.body()).contains("at least one phone field");

        Map<String, String> list = new LinkedHashMap<>();
        list.put("name", "Клиенты " + s);
        list.put("fields", String.valueOf(tel));
        list.put("position_" + tel, "1");
        list.put("required", String.valueOf(tel));
        HttpResponse<String> created = portal.submit("/contacts/lists/new", "/contacts/lists", list);
        assertThat(created.statusCode()).isEqualTo(302);
        String listPath = created.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");

        HttpResponse<String> badContact = portal.submit(listPath + "/contacts/new", listPath + "/contacts",
                Map.of("f_tel_" + s, "8-800"));
        assertThat(badContact.statusCode()).isEqualTo(400);
        assertThat(badContact.body()).contains("is not a phone number: too short");
        assertThat(portal.submit(listPath + "/contacts/new", listPath + "/contacts",
                Map.of("f_tel_" + s, "8 (912) 111-22-33")).statusCode()).isEqualTo(302);

        String contacts = portal.get(listPath).body();
        assertThat(contacts).contains("+79121112233").contains("1 contact");
        assertThat(portal.get(listPath + "?q=89121112233").body()).contains("+79121112233");
        assertThat(portal.get(listPath + "?q=89990000000").body()).contains("No contact matches");
        assertThat(portal.get("/contacts").body()).contains("Клиенты " + s);

        portal.submit(listPath, listPath + "/contacts/delete", Map.of("all", "true"));
        assertThat(portal.get(listPath).body()).contains("No contacts").contains("The list has no contacts yet");
    }

    private static long idOf(String fieldsPage, String code) {
        Matcher matcher = Pattern.compile("/contacts/fields/(\\d+)\">[^<]*</a>\\s*</td>\\s*<td><code>" + code + "<").matcher(fieldsPage);
        assertThat(matcher.find()).as("field %s listed", code).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
