package org.dozvon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a list of the REST API page by page, as a client does: {@code ?limit=} and the {@code nextCursor} of each page
 * as the next {@code ?cursor=}, checking on the way that every page is an {@code ApiPage} no larger than asked.
 */
public final class ApiPaging {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String username;
    private final String password;

    public ApiPaging(int port, String username, String password) {
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** The pages of {@code path} (which may hold a query already) read {@code limit} items at a time. */
    public List<JsonNode> pages(String path, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            HttpResponse<String> answer = get(path + separator + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "en");
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            JsonNode page = read(answer.body());
            assertThat(page.has("items") && page.has("nextCursor")).as(answer.body()).isTrue();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            pages.add(page);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertThat(pages.size()).as("pages of " + path).isLessThan(1000);
        } while (cursor != null);
        return pages;
    }

    /** Every item of every page, in order. */
    public List<JsonNode> items(String path, int limit) {
        List<JsonNode> items = new ArrayList<>();
        pages(path, limit).forEach(page -> page.get("items").forEach(items::add));
        return items;
    }

    /** The items' values of {@code field}, as text, through every page. */
    public List<String> values(String path, int limit, String field) {
        return items(path, limit).stream().map(item -> item.get(field).asText()).toList();
    }

    /** A GET with JSON asked for in this language ({@code Accept-Language}). */
    public HttpResponse<String> get(String path, String language) {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Accept-Language", language)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    public static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Asserts a 422 problem whose {@code errors} name exactly {@code parameter}; its message. */
    public static String refusedParameter(HttpResponse<String> answer, String parameter) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = read(answer.body()).get("errors");
        assertThat(errors.fieldNames()).toIterable().as(answer.body()).containsExactly(parameter);
        return errors.get(parameter).asText();
    }
}
