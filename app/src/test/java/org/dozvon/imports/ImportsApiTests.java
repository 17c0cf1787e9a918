package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports over REST as a CRM drives them: a CSV sent as the body (mapped by column names, or by a mapping given), the
 * journal of imports filtered by list and status, and each import's rejected rows page by page.
 */
class ImportsApiTests extends ApplicationTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String s = UUID.randomUUID().toString().substring(0, 8);
    private long listId;

    @BeforeEach
    void aList() {
        for (String[] field : new String[][] {{"ia_name_", "Name", "TEXT"}, {"ia_phone_", "Phone", "PHONE"}}) {
            portal().apiSend("POST", "/api/v1/contact-fields", "{\"code\": \"%s%s\", \"name\": \"%s\", \"type\": \"%s\"}"
                    .formatted(field[0], s, field[1], field[2]), "admin", ADMIN_PASSWORD);
        }
        HttpResponse<String> list = portal().apiSend("POST", "/api/v1/contact-lists", """
                {"name": "Imports API %1$s", "fields": [{"code": "ia_name_%1$s", "required": true},
                 {"code": "ia_phone_%1$s", "required": true}]}""".formatted(s), "admin", ADMIN_PASSWORD);
        listId = ApiPaging.read(list.body()).get("id").asLong();
    }

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    private HttpResponse<String> postCsv(String query, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/contact-lists/"
                        + listId + "/imports" + query))
                .header("Accept", "application/json").header("Content-Type", "text/csv; charset=UTF-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    private JsonNode finished(HttpResponse<String> started) throws InterruptedException {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = ApiPaging.read(started.body()).get("id").asLong();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/imports/" + id);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = ApiPaging.read(api().get("/api/v1/imports/" + id, "en").body());
            if (run.get("status").asText().equals("COMPLETED") || run.get("status").asText().equals("FAILED")) {
                return run;
            }
            Thread.sleep(100); // the job runs in the background; this waits for it, it measures nothing
        }
        throw new AssertionError("import " + id + " did not finish within " + PATIENCE);
    }

    @Test
    void aCsvBodyIsImportedByItsColumnNamesAndItsRejectedRowsPage() throws Exception {
        JsonNode run = finished(postCsv("?fileName=crm", """
                ia_name_%1$s;Phone
                Anna;+79120000001
                ;+79120000002
                Boris;8-800
                Vera;+79120000004
                Gleb;12
                """.formatted(s)));

        assertThat(run.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("source").asText()).isEqualTo("API");
        assertThat(run.get("fileName").asText()).isEqualTo("crm.csv");
        assertThat(run.get("inserted").asLong()).isEqualTo(2);
        assertThat(run.get("rejected").asLong()).isEqualTo(3);
        long id = run.get("id").asLong();
        assertThat(api().pages("/api/v1/imports/" + id + "/rejections", 2)).hasSize(2);
        assertThat(api().values("/api/v1/imports/" + id + "/rejections", 2, "row")).containsExactly("3", "4", "6");
    }

    @Test
    void theJournalOfImportsPagesNewestFirstByListAndStatus() throws Exception {
        String mapping = URLEncoder.encode("{\"who\": \"ia_name_%1$s\", \"tel\": \"ia_phone_%1$s\"}".formatted(s),
                StandardCharsets.UTF_8);
        long first = finished(postCsv("?mapping=" + mapping, "who,tel\nAnna,+79120000011\n")).get("id").asLong();
        long second = finished(postCsv("?mapping=" + mapping, "who,tel\nBoris,+79120000012\n")).get("id").asLong();

        String ofList = "/api/v1/imports?listId=" + listId;
        assertThat(api().pages(ofList, 1)).hasSize(2);
        assertThat(api().values(ofList, 1, "id")).containsExactly(String.valueOf(second), String.valueOf(first));
        assertThat(api().values(ofList + "&status=COMPLETED", 10, "id")).hasSize(2);
        assertThat(api().items(ofList + "&status=FAILED", 10)).isEmpty();
        ApiPaging.refusedParameter(api().get(ofList + "&status=DONE", "en"), "status");
        ApiPaging.refusedParameter(api().get("/api/v1/imports?listId=all", "en"), "listId");
    }

    @Test
    void aBadMappingOrAMissingColumnIsRefusedNamingIt() throws Exception {
        assertThat(ApiPaging.refusedParameter(postCsv("?mapping=not-json", "a,b\n1,2\n"), "mapping"))
                .startsWith("mapping must be a JSON object");
        assertThat(ApiPaging.refusedParameter(postCsv("", "Phone\n+79120000001\n"), "mapping"))
                .contains("ia_name_" + s);
        HttpResponse<String> noFile = portal().apiMultipart("/api/v1/contact-lists/" + listId + "/imports",
                java.util.Map.of("mapping", "{}"), "admin", ADMIN_PASSWORD);
        ApiPaging.refusedParameter(noFile, "file");
        HttpResponse<String> noList = portal().apiMultipart("/api/v1/contact-lists/999999999/imports",
                java.util.Map.of("mapping", "{}", "file",
                        java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("no-list", ".csv"), "a\n1\n")), "admin", ADMIN_PASSWORD);
        assertThat(noList.statusCode()).as(noList.body()).isEqualTo(404);
        HttpResponse<String> unknownList = api().get("/api/v1/imports?listId=999999999", "en");
        assertThat(ApiPaging.read(unknownList.body()).get("items")).isEmpty();
    }
}
