package org.dozvon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.ApplicationTestBase;
import org.dozvon.access.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code Idempotency-Key} on the API's POSTs: the same request sent again with the same key gets the first answer
 * and does nothing twice; another request with that key, or the same one while the first is still being answered,
 * is refused with 409; refusals are not kept; keys are the caller's own and forgotten after a day.
 */
class IdempotencyKeyTests extends ApplicationTestBase {

    private static final String PASSWORD = "Idem-Password-1";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void users() {
        new TestUsers(context).ensure("idem-supervisor", PASSWORD, false, "SUPERVISOR");
    }

    @Test
    void theSameRequestWithTheSameKeyIsAnsweredOnceAndReplayedByteForByte() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem skill " + key + "\"}";

        HttpResponse<String> first = post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD);
        HttpResponse<String> again = post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(skillsNamed("Idem skill " + key)).isEqualTo(1);
    }

    @Test
    void requestsRacingWithOneKeyDoTheWorkOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem race " + key + "\"}";

        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(http.sendAsync(request("/api/v1/skills", "admin", ADMIN_PASSWORD)
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        List<HttpResponse<String>> answers = racing.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201
                && answer.headers().firstValue("Idempotent-Replayed").isEmpty()).hasSize(1);
        assertThat(skillsNamed("Idem race " + key)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictNamingTheHeader() throws Exception {
        String key = UUID.randomUUID().toString();
        post("/api/v1/skills", "{\"name\": \"Idem first " + key + "\"}", key, "admin", ADMIN_PASSWORD);

        HttpResponse<String> other = post("/api/v1/skills", "{\"name\": \"Idem second " + key + "\"}", key, "admin",
                ADMIN_PASSWORD);

        assertProblem(other, 409);
        assertThat(json.readTree(other.body()).at("/errors/Idempotency-Key").asText()).contains("Idempotency-Key");
        assertThat(skillsNamed("Idem second " + key)).isZero();
    }

    @Test
    void theSameKeyOnAnotherAddressIsAConflictToo() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem address " + key + "\"}";
        assertThat(post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);

        assertProblem(post("/api/v1/dnc-lists", body, key, "admin", ADMIN_PASSWORD), 409);
    }

    @Test
    void keysAreTheCallersOwn() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem caller " + key + "\"}";

        assertThat(post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        HttpResponse<String> otherCaller = post("/api/v1/skills", body, key, "idem-supervisor", PASSWORD);

        // another caller's same key is a new request: done (and refused here only because the name is taken)
        assertThat(otherCaller.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(otherCaller.statusCode()).isNotEqualTo(201);
    }

    @Test
    void aRefusedRequestIsNotKeptSoTheCorrectedOneMayUseTheKey() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> refused = post("/api/v1/skills", "{\"name\": \"\"}", key, "admin", ADMIN_PASSWORD);
        HttpResponse<String> corrected = post("/api/v1/skills", "{\"name\": \"Idem corrected " + key + "\"}", key,
                "admin", ADMIN_PASSWORD);

        assertProblem(refused, 422);
        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(corrected.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void theSameRequestWhileTheFirstIsStillAnsweredIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem running " + key + "\"}";
        claimAsIfRunning(key, body, Instant.now());

        HttpResponse<String> meanwhile = post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD);

        assertProblem(meanwhile, 409);
        assertThat(json.readTree(meanwhile.body()).get("detail").asText()).contains("still being answered");
        assertThat(skillsNamed("Idem running " + key)).isZero();
    }

    @Test
    void aRequestUnansweredForLongIsTakenForLostAndItsKeyServesAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem lost " + key + "\"}";
        claimAsIfRunning(key, body, Instant.now().minus(Duration.ofMinutes(11)));

        assertThat(post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
    }

    @Test
    void keysAreForgottenAfterADay() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Idem old " + key + "\"}";
        assertThat(post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        jdbc.sql("update idempotency_key set created_at = :old where idempotency_key = :key")
                .param("old", Timestamp.from(Instant.now().minus(Duration.ofHours(25)))).param("key", key).update();

        // forgotten: the request runs again (the name is taken by then, so it is refused this time)
        HttpResponse<String> later = post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertProblem(later, 422);

        assertThat(post("/api/v1/skills", "{\"name\": \"Idem old again " + key + "\"}", key, "admin",
                ADMIN_PASSWORD).statusCode()).isEqualTo(201);
        jdbc.sql("update idempotency_key set created_at = :old where idempotency_key = :key")
                .param("old", Timestamp.from(Instant.now().minus(Duration.ofHours(25)))).param("key", key).update();
        context.getBean(IdempotencyKeys.class).deleteExpired();
        assertThat(jdbc.sql("select count(*) from idempotency_key where idempotency_key = :key").param("key", key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheHeader() throws Exception {
        String body = "{\"name\": \"Idem malformed\"}";

        for (String key : new String[] {"has space", "x".repeat(256), ""}) {
            HttpResponse<String> refused = post("/api/v1/skills", body, key, "admin", ADMIN_PASSWORD);
            assertProblem(refused, 422);
            assertThat(json.readTree(refused.body()).get("errors").has("Idempotency-Key")).as(key).isTrue();
        }
        assertThat(skillsNamed("Idem malformed")).isZero();
    }

    @Test
    void aNewApiTokensSecretIsNeverKeptForReplay() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"idem-" + key.substring(0, 8) + "\", \"permissions\": [\"CONTACTS_VIEW\"]}";

        HttpResponse<String> created = post("/api/v1/api-tokens", body, key, "admin", ADMIN_PASSWORD);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        String secret = json.readTree(created.body()).get("token").asText();
        assertThat(jdbc.sql("select count(*) from idempotency_key where idempotency_key = :key or convert_from(response_body, 'UTF8') like :secret")
                .param("key", key).param("secret", "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void withoutTheHeaderAPostIsDoneEachTime() throws Exception {
        String body = "{\"name\": \"Idem none " + UUID.randomUUID() + "\"}";

        assertThat(post("/api/v1/dnc-lists", body, null, "admin", ADMIN_PASSWORD).statusCode()).isBetween(200, 201);
        assertThat(post("/api/v1/dnc-lists", body, null, "admin", ADMIN_PASSWORD).headers()
                .firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aMultipartUploadReachesItsEndpointWholeAndIsReplayedToo() throws Exception {
        HttpResponse<String> calendar = post("/api/v1/calendars", "{\"name\": \"Idem calendar " + UUID.randomUUID()
                + "\"}", null, "admin", ADMIN_PASSWORD);
        assertThat(calendar.statusCode()).isEqualTo(201);
        long id = json.readTree(calendar.body()).get("id").asLong();
        String key = UUID.randomUUID().toString();
        String file = "date;type;name\n2031-01-01;HOLIDAY;New year\n2031-01-02;HOLIDAY;Second\n";

        HttpResponse<String> first = multipart("/api/v1/calendars/" + id + "/import", file, key);
        HttpResponse<String> again = multipart("/api/v1/calendars/" + id + "/import", file, key);
        HttpResponse<String> otherFile = multipart("/api/v1/calendars/" + id + "/import",
                file.replace("Second", "Other"), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("saved").asInt()).isEqualTo(2);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(otherFile, 409);
    }

    /** A row as the first of two requests leaves it while its work runs. */
    private void claimAsIfRunning(String key, String body, Instant at) throws Exception {
        jdbc.sql("""
                        insert into idempotency_key (principal, idempotency_key, request_method, request_path, request_hash,
                                                     state, created_at)
                        values ('admin', :key, 'POST', '/api/v1/skills', :hash, 'IN_PROGRESS', :at)""")
                .param("key", key)
                .param("hash", MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)))
                .param("at", Timestamp.from(at)).update();
    }

    private long skillsNamed(String name) throws Exception {
        HttpResponse<String> skills = http.send(request("/api/v1/skills?limit=1000", "admin", ADMIN_PASSWORD).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long count = 0;
        for (JsonNode skill : json.readTree(skills.body()).get("items")) {
            count += name.equals(skill.get("name").asText()) ? 1 : 0;
        }
        return count;
    }

    private HttpResponse<String> post(String path, String body, String key, String username, String password) {
        HttpRequest.Builder request = request(path, username, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    private HttpResponse<String> multipart(String path, String file, String key) {
        String boundary = "idem-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"days.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = request(path, "admin", ADMIN_PASSWORD)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    private HttpRequest.Builder request(String path, String username, String password) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }
}
