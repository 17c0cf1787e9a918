package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh list with id, name and phone fields, and ways to wait for the imports a source started. */
final class SourceFixture {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    final ObjectMapper json = new ObjectMapper();
    final PortalClient api;
    final String s = UUID.randomUUID().toString().substring(0, 8);
    final long listId;

    SourceFixture(PortalClient api) throws Exception {
        this.api = api;
        for (String[] field : new String[][]{{"src_id_", "Contract", "TEXT", "true"}, {"src_name_", "Name", "TEXT", "false"},
                {"src_phone_", "Phone", "PHONE", "false"}}) {
            api.apiSend("POST", "/api/v1/contact-fields", "{\"code\": \"%s%s\", \"name\": \"%s\", \"type\": \"%s\", \"clientId\": %s}"
                    .formatted(field[0], s, field[1], field[2], field[3]), "admin", ApplicationTestBase.ADMIN_PASSWORD);
        }
        listId = json.readTree(api.apiSend("POST", "/api/v1/contact-lists", """
                {"name": "Source %1$s", "fields": [{"code": "src_id_%1$s"}, {"code": "src_name_%1$s", "required": true},
                 {"code": "src_phone_%1$s", "required": true}]}""".formatted(s), "admin", ApplicationTestBase.ADMIN_PASSWORD)
                .body()).get("id").asLong();
    }

    Map<String, String> mapping(String id, String name, String phone) {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put(id, "src_id_" + s);
        mapping.put(name, "src_name_" + s);
        mapping.put(phone, "src_phone_" + s);
        return mapping;
    }

    List<Long> runsOf(JdbcClient jdbc, long sourceId) {
        return jdbc.sql("select id from import_run where source_id = :id order by id").param("id", sourceId).query(Long.class).list();
    }

    JsonNode waitFor(long runId) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = json.readTree(api.apiSend("GET", "/api/v1/imports/" + runId, null, "admin",
                    ApplicationTestBase.ADMIN_PASSWORD).body());
            String status = run.get("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return run;
            }
            Thread.sleep(100); // the job runs in the background; this waits for it, it measures nothing
        }
        throw new AssertionError("import " + runId + " did not finish within " + PATIENCE);
    }

    long contactCount() throws Exception {
        JsonNode page = json.readTree(api.apiSend("GET", "/api/v1/contact-lists/" + listId + "/contacts", null, "admin",
                ApplicationTestBase.ADMIN_PASSWORD).body());
        assertThat(page.get("items")).isNotNull();
        return page.get("items").size();
    }
}
