package org.dozvon.strategy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The small BPMN and DMN files under {@code src/test/resources/strategies/}, with keys of the test's own (the
 * shared application keeps every deployment), and an upload through {@code POST /api/v1/strategies}.
 */
public final class StrategyFixtures {

    private StrategyFixtures() {
    }

    /** A key no other test uses: letters, digits and _ (a valid BPMN id). */
    public static String uniqueKey(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** valid-strategy.bpmn as process {@code key}, calling decision {@code decisionKey}. */
    public static String strategy(String key, String decisionKey) {
        return resource("valid-strategy.bpmn").replace("test_strategy", key).replace("test_next_action", decisionKey);
    }

    /** valid-decision.dmn with the decision {@code key}. */
    public static String decision(String key) {
        return resource("valid-decision.dmn").replace("test_next_action", key);
    }

    public static String resource(String name) {
        try (InputStream in = StrategyFixtures.class.getResourceAsStream("/strategies/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource strategies/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads files (name → XML) as parts named {@code files}, in English. */
    public static HttpResponse<String> upload(int port, String username, String password, Map<String, String> files) {
        return upload(port, username, password, files, "en");
    }

    public static HttpResponse<String> upload(int port, String username, String password, Map<String, String> files,
                                              String language) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, xml) -> bytes.put(name, xml.getBytes(StandardCharsets.UTF_8)));
        return uploadBytes(port, username, password, bytes, language);
    }

    public static HttpResponse<String> uploadBytes(int port, String username, String password, Map<String, byte[]> files,
                                                   String language) {
        String boundary = "dozvon-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getKey()
                        + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file.getValue());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/strategies"))
                .header("Accept", "application/json")
                .header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }
}
