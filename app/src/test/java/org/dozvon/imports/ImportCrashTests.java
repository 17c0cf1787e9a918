package org.dozvon.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.File;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.DozvonApplication;
import org.dozvon.PortalClient;
import org.dozvon.TestApplications;
import org.dozvon.TestDataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Dozvon killed (SIGKILL) in the middle of an import resumes it after a restart: every row ends up
 * in the list exactly once. The list has no client id, so a row written twice would be a second contact.
 */
class ImportCrashTests {

    private static final int ROWS = 200_000;
    private static final String PASSWORD = "Crash-test-pass-1";
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path files;

    @Test
    void importKilledHalfwayResumesAfterRestartWithNoRowLostOrDoubled() throws Exception {
        Path dataDir = TestDataDirectories.fresh("import-crash");
        Path csv = files.resolve("big.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("name;phone\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("Contact " + i + ";+7912" + String.format("%07d", i) + "\n");
            }
        }

        int port = freePort();
        Process doomed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), DozvonApplication.class.getName(),
                "--server.port=" + port, "--DOZVON_DATA_DIR=" + dataDir, "--DOZVON_ADMIN_PASSWORD=" + PASSWORD,
                "--DOZVON_DB_URL=", "--camunda.bpm.webapp.enabled=false", "--spring.jmx.enabled=false")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/import-crash-child.log"))
                .start();
        long importId;
        long listId;
        try {
            PortalClient api = new PortalClient(port);
            waitUntil(() -> {
                try {
                    return api.api("/actuator/health", null, null).statusCode() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            }, "the child Dozvon to start");
            send(api, "POST", "/api/v1/contact-fields", "{\"code\": \"crash_name\", \"name\": \"Name\", \"type\": \"TEXT\"}");
            send(api, "POST", "/api/v1/contact-fields", "{\"code\": \"crash_phone\", \"name\": \"Phone\", \"type\": \"PHONE\"}");
            listId = json.readTree(send(api, "POST", "/api/v1/contact-lists",
                    "{\"name\": \"Crash\", \"fields\": [{\"code\": \"crash_name\"}, {\"code\": \"crash_phone\"}]}").body())
                    .get("id").asLong();
            HttpResponse<String> started = api.apiMultipart("/api/v1/contact-lists/" + listId + "/imports",
                    Map.of("file", csv, "mapping", "{\"name\": \"crash_name\", \"phone\": \"crash_phone\"}"), "admin", PASSWORD);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            importId = json.readTree(started.body()).get("id").asLong();

            waitUntil(() -> run(api, importId).get("read").asLong() >= ROWS / 10, "the import to get going");
            assertThat(run(api, importId).get("status").asText()).as("killed while running").isEqualTo("RUNNING");
        } finally {
            doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last commit
        }

        try (ConfigurableApplicationContext restarted = TestApplications.start(dataDir, "DOZVON_ADMIN_PASSWORD=" + PASSWORD)) {
            PortalClient api = new PortalClient(TestApplications.port(restarted));
            waitUntil(() -> run(api, importId).get("status").asText().equals("COMPLETED"), "the resumed import to complete");

            JsonNode run = run(api, importId);
            assertThat(run.get("read").asLong()).isEqualTo(ROWS);
            assertThat(run.get("inserted").asLong()).isEqualTo(ROWS);
            assertThat(run.get("rejected").asLong()).isZero();
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from contact where list_id = :list").param("list", listId)
                    .query(Long.class).single()).isEqualTo(ROWS);
            assertThat(jdbc.sql("select count(distinct p.number) from contact_phone p join contact c on c.id = p.contact_id"
                            + " where c.list_id = :list").param("list", listId).query(Long.class).single())
                    .as("every phone once").isEqualTo(ROWS);
        }
    }

    @Test
    void importStoppedByAGracefulShutdownIsQueuedAndResumedAtTheNextStart() throws Exception {
        Path dataDir = TestDataDirectories.fresh("import-shutdown");
        Path csv = files.resolve("big.csv");
        int rows = ROWS / 2;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("name;phone\n");
            for (int i = 0; i < rows; i++) {
                out.write("Contact " + i + ";+7913" + String.format("%07d", i) + "\n");
            }
        }
        long importId;
        long listId;
        try (ConfigurableApplicationContext first = TestApplications.start(dataDir, "DOZVON_ADMIN_PASSWORD=" + PASSWORD)) {
            PortalClient api = new PortalClient(TestApplications.port(first));
            send(api, "POST", "/api/v1/contact-fields", "{\"code\": \"stop_name\", \"name\": \"Name\", \"type\": \"TEXT\"}");
            send(api, "POST", "/api/v1/contact-fields", "{\"code\": \"stop_phone\", \"name\": \"Phone\", \"type\": \"PHONE\"}");
            listId = json.readTree(send(api, "POST", "/api/v1/contact-lists",
                    "{\"name\": \"Stop\", \"fields\": [{\"code\": \"stop_name\"}, {\"code\": \"stop_phone\"}]}").body())
                    .get("id").asLong();
            importId = json.readTree(api.apiMultipart("/api/v1/contact-lists/" + listId + "/imports",
                    Map.of("file", csv, "mapping", "{\"name\": \"stop_name\", \"phone\": \"stop_phone\"}"), "admin", PASSWORD)
                    .body()).get("id").asLong();
            waitUntil(() -> run(api, importId).get("read").asLong() >= 5000, "the import to get going");
        } // a normal, graceful close while the import runs

        try (ConfigurableApplicationContext second = TestApplications.start(dataDir, "DOZVON_ADMIN_PASSWORD=" + PASSWORD)) {
            PortalClient api = new PortalClient(TestApplications.port(second));
            waitUntil(() -> run(api, importId).get("status").asText().equals("COMPLETED"), "the resumed import to complete");
            JsonNode run = run(api, importId);
            assertThat(run.get("inserted").asLong()).isEqualTo(rows);
            assertThat(second.getBean(JdbcClient.class).sql("select count(*) from contact where list_id = :list")
                    .param("list", listId).query(Long.class).single()).isEqualTo(rows);
        }
    }

    private JsonNode run(PortalClient api, long importId) {
        try {
            return json.readTree(send(api, "GET", "/api/v1/imports/" + importId, null).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(PortalClient api, String method, String path, String body) {
        return api.apiSend(method, path, body, "admin", PASSWORD);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200); // waiting for another process, not measuring it
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
