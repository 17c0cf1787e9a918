package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A supervisor imports through the pages: upload, map, save the mapping, reuse it for the next file. */
class ImportPagesTests extends ApplicationTestBase {

    @Autowired
    ApplicationContext context;

    @TempDir
    Path files;

    @Test
    void supervisorMapsAFileSavesTheMappingAndReusesItForTheNextFile() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        PortalClient admin = portal();
        admin.apiSend("POST", "/api/v1/contact-fields", "{\"code\": \"pg_tel_%s\", \"name\": \"Tel %s\", \"type\": \"PHONE\"}"
                .formatted(s, s), "admin", ADMIN_PASSWORD);
        long listId = new ObjectMapper().readTree(admin.apiSend("POST", "/api/v1/contact-lists",
                "{\"name\": \"Pages %1$s\", \"fields\": [{\"code\": \"pg_tel_%1$s\"}]}".formatted(s), "admin", ADMIN_PASSWORD)
                .body()).get("id").asLong();
        new TestUsers(context).ensure("import-supervisor", "Import-pass-1", false, "SUPERVISOR");
        PortalClient portal = portal();
        portal.login("import-supervisor", "Import-pass-1");
        String form = "/contacts/lists/" + listId + "/import";

        Path empty = files.resolve("empty.csv");
        Files.writeString(empty, "");
        HttpResponse<String> refused = portal.submitMultipart(form, form, Map.of("file", empty));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("empty.csv: the file is empty");

        Path first = files.resolve("first.csv");
        Files.writeString(first, "Клиент;Номер\nA;+79120000101\n");
        HttpResponse<String> mapping = portal.submitMultipart(form, form, Map.of("file", first));
        assertThat(mapping.statusCode()).isEqualTo(200);
        assertThat(mapping.body()).contains("Map the columns of first.csv").contains("+79120000101");
        Map<String, String> start = new LinkedHashMap<>();
        start.put("token", hidden(mapping.body(), "token"));
        start.put("fileName", "first.csv");
        start.put("column_0", "Клиент");
        start.put("field_0", "");
        start.put("column_1", "Номер");
        start.put("field_1", "pg_tel_" + s);
        start.put("saveAs", "Bank " + s);
        HttpResponse<String> started = portal.postFormWithTokenOf(mapping.body(), form + "/start", start);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/imports/"));

        Path second = files.resolve("second.csv");
        Files.writeString(second, "Номер;Клиент\n+79120000102;B\n");
        String secondMapping = portal.submitMultipart(form, form, Map.of("file", second)).body();
        assertThat(secondMapping).contains("Bank " + s);
        Matcher template = Pattern.compile("<option value=\"(\\d+)\"[^>]*>Bank " + s).matcher(secondMapping);
        assertThat(template.find()).isTrue();
        String applied = portal.get(form + "/map?token=" + hidden(secondMapping, "token") + "&fileName=second.csv&template="
                + template.group(1)).body();
        assertThat(applied).containsPattern("<option value=\"pg_tel_" + s + "\"\\s+selected=\"selected\"");
    }

    private static String hidden(String page, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("hidden field %s", name).isTrue();
        return matcher.group(1);
    }
}
