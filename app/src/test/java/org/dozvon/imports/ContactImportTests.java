package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports through the real API and the real Spring Batch job, into the real database. */
class ContactImportTests extends ApplicationTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private PortalClient api;
    private String s;
    private long listId;

    @TempDir
    Path files;

    @BeforeEach
    void aList() throws Exception {
        api = portal();
        s = UUID.randomUUID().toString().substring(0, 8);
        for (String[] field : new String[][]{{"imp_id_", "Contract", "TEXT", "true"}, {"imp_name_", "Name", "TEXT", "false"},
                {"imp_phone_", "Phone", "PHONE", "false"}, {"imp_debt_", "Debt", "NUMBER", "false"}}) {
            api.apiSend("POST", "/api/v1/contact-fields", "{\"code\": \"%s%s\", \"name\": \"%s\", \"type\": \"%s\", \"clientId\": %s}"
                    .formatted(field[0], s, field[1], field[2], field[3]), "admin", ADMIN_PASSWORD);
        }
        HttpResponse<String> list = api.apiSend("POST", "/api/v1/contact-lists", """
                {"name": "Import %1$s", "fields": [{"code": "imp_id_%1$s"}, {"code": "imp_name_%1$s", "required": true},
                 {"code": "imp_phone_%1$s", "required": true}, {"code": "imp_debt_%1$s"}]}""".formatted(s), "admin", ADMIN_PASSWORD);
        listId = json.readTree(list.body()).get("id").asLong();
    }

    @Test
    void windows1251CsvIsImportedAndEveryBadRowIsJournalledWithItsReason() throws Exception {
        Path csv = files.resolve("должники.csv");
        Files.writeString(csv, """
                Договор;ФИО;Телефон;Сумма
                Д-1;Иванов Иван;8 (912) 345-67-89;1 500,00
                Д-2;Петрова Мария;8-800;200
                Д-3;;+7 495 123-45-67;300
                Д-4;Сидоров Пётр;+7 495 123-45-68;много
                Д-5;"Кузнецова; Анна";89120000005;0
                """, Charset.forName("windows-1251"));

        JsonNode run = importAndWait(csv, mapping(), false, false);

        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("read").asLong()).isEqualTo(5);
        assertThat(run.get("inserted").asLong()).isEqualTo(2);
        assertThat(run.get("rejected").asLong()).isEqualTo(3);
        JsonNode rejections = json.readTree(api.apiSend("GET", "/api/v1/imports/" + run.get("id").asLong() + "/rejections",
                null, "admin", ADMIN_PASSWORD).body()).get("items");
        List<String> journal = new ArrayList<>();
        rejections.forEach(r -> journal.add(r.get("row").asLong() + " | " + r.get("column").asText() + " | " + r.get("reason").asText()));
        assertThat(journal).containsExactly(
                "3 | Телефон | column 'Телефон': '8-800' is not a phone number: too short",
                "4 | ФИО | column 'ФИО': is required",
                "5 | Сумма | column 'Сумма': 'много' is not a number");

        JsonNode contacts = json.readTree(api.apiSend("GET", "/api/v1/contact-lists/" + listId + "/contacts", null,
                "admin", ADMIN_PASSWORD).body()).get("items");
        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(1).get("fields").get("imp_name_" + s).asText()).isEqualTo("Кузнецова; Анна");
    }

    @Test
    void secondFileUpdatesByClientIdOrClearsTheListWhenAsked() throws Exception {
        Path first = files.resolve("first.csv");
        Files.writeString(first, "Договор;ФИО;Телефон\nA-1;Old;+79120000001\nA-2;Kept;+79120000002\n");
        assertThat(importAndWait(first, mappingWithoutDebt(), false, false).get("inserted").asLong()).isEqualTo(2);

        Path second = files.resolve("second.csv");
        Files.writeString(second, "Договор;ФИО;Телефон\nA-1;New;+79120000003\n");
        JsonNode duplicate = importAndWait(second, mappingWithoutDebt(), false, false);
        assertThat(duplicate.get("rejected").asLong()).isEqualTo(1);

        JsonNode updated = importAndWait(second, mappingWithoutDebt(), false, true);
        assertThat(updated.get("updated").asLong()).isEqualTo(1);
        assertThat(contactCount()).isEqualTo(2);

        JsonNode cleared = importAndWait(second, mappingWithoutDebt(), true, false);
        assertThat(cleared.get("inserted").asLong()).isEqualTo(1);
        assertThat(contactCount()).isEqualTo(1);
    }

    @Test
    void aMappingThatLeavesOutAMandatoryFieldIsRefusedBeforeAnythingIsImported() throws Exception {
        Path csv = files.resolve("no-name.csv");
        Files.writeString(csv, "Договор;Телефон\nA-1;+79120000001\n");

        HttpResponse<String> refused = api.apiMultipart("/api/v1/contact-lists/" + listId + "/imports",
                Map.of("file", csv, "mapping", json.writeValueAsString(Map.of("Договор", "imp_id_" + s, "Телефон", "imp_phone_" + s))),
                "admin", ADMIN_PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("the mandatory field 'Name' (imp_name_" + s + ") has no column");
        assertThat(contactCount()).isZero();
    }

    @Test
    void xlsxWorkbooksAreImportedToo() throws Exception {
        Path xlsx = files.resolve("book.xlsx");
        try (SXSSFWorkbook book = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = book.createSheet();
            String[][] rows = {{"Договор", "ФИО", "Телефон", "Сумма"}, {"X-1", "Excel", "79121234567", "10.5"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (r == 1 && c == 2) {
                        row.createCell(c).setCellValue(79121234567d); // a phone typed as a number
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
        }

        JsonNode run = importAndWait(xlsx, mapping(), false, false);

        assertThat(run.get("inserted").asLong()).isEqualTo(1);
        JsonNode contact = json.readTree(api.apiSend("GET", "/api/v1/contact-lists/" + listId + "/contacts", null,
                "admin", ADMIN_PASSWORD).body()).get("items").get(0).get("fields");
        assertThat(contact.get("imp_phone_" + s).asText()).isEqualTo("+79121234567");
    }

    private Map<String, String> mapping() {
        Map<String, String> mapping = mappingWithoutDebt();
        mapping.put("Сумма", "imp_debt_" + s);
        return mapping;
    }

    private Map<String, String> mappingWithoutDebt() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("Договор", "imp_id_" + s);
        mapping.put("ФИО", "imp_name_" + s);
        mapping.put("Телефон", "imp_phone_" + s);
        return mapping;
    }

    private JsonNode importAndWait(Path file, Map<String, String> mapping, boolean clearFirst, boolean updateExisting)
            throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", file);
        parts.put("mapping", json.writeValueAsString(mapping));
        parts.put("clearFirst", clearFirst);
        parts.put("updateExisting", updateExisting);
        HttpResponse<String> started = api.apiMultipart("/api/v1/contact-lists/" + listId + "/imports", parts,
                "admin", ADMIN_PASSWORD);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = json.readTree(started.body()).get("id").asLong();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = json.readTree(api.apiSend("GET", "/api/v1/imports/" + id, null, "admin", ADMIN_PASSWORD).body());
            String status = run.get("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return run;
            }
            Thread.sleep(100); // the job runs in the background; this waits for it, it measures nothing
        }
        throw new AssertionError("import " + id + " did not finish within " + PATIENCE);
    }

    private long contactCount() throws Exception {
        return json.readTree(api.apiSend("GET", "/api/v1/contact-lists/" + listId, null, "admin", ADMIN_PASSWORD).body())
                .get("contactCount").asLong();
    }
}
