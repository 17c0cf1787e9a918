package org.dozvon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for tests against a running Dozvon: it keeps its session cookie, does
 * not follow redirects (so tests see them), and fills in the CSRF token of the page a form came from.
 */
public final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;

    public PortalClient(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Logs in through the login form; returns the response to the form post (a redirect). */
    public HttpResponse<String> login(String username, String password) {
        return submit("/login", "/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build());
    }

    /** A page or download as bytes (an XLSX file, say), with this client's session. */
    public HttpResponse<byte[]> getBytes(String path) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).join();
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
    }

    /** Loads {@code formPage}, then posts {@code fields} to {@code action} with that page's CSRF token. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        Matcher token = CSRF.matcher(get(formPage).body());
        if (token.find()) {
            form.put("_csrf", token.group(1));
        }
        return postForm(action, form);
    }

    /** Posts {@code fields} to {@code action} with the CSRF token found in an already loaded page. */
    public HttpResponse<String> postFormWithTokenOf(String page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        Matcher token = CSRF.matcher(page);
        if (token.find()) {
            form.put("_csrf", token.group(1));
        }
        return postForm(action, form);
    }

    /**
     * Posts form fields given as name, value, name, value… (a name repeated as a browser repeats it for a list) with
     * the CSRF token found in an already loaded page.
     */
    public HttpResponse<String> postFieldsWithTokenOf(String page, String action, List<String> namesAndValues) {
        Matcher token = CSRF.matcher(page);
        List<String> pairs = new java.util.ArrayList<>();
        if (token.find()) {
            pairs.add("_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        }
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            pairs.add(URLEncoder.encode(namesAndValues.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues.get(i + 1), StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build());
    }

    /** Posts a form as it is, without looking for a CSRF token. */
    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A stateless API call with HTTP Basic credentials (null for none), asking for JSON. */
    public HttpResponse<String> api(String path, String username, String password) {
        return api(path, username, password, "application/json");
    }

    public HttpResponse<String> api(String path, String username, String password, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET();
        if (username != null) {
            String credentials = Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + credentials);
        }
        return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** A stateless API call sending a JSON body with HTTP Basic credentials. */
    public HttpResponse<String> apiSend(String method, String path, String json, String username, String password) {
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + credentials)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** A stateless API call with an API token ({@code Authorization: Bearer <token>}) and a JSON body (null: none). */
    public HttpResponse<String> bearer(String method, String path, String json, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** A multipart POST (files and text parts) with HTTP Basic credentials. */
    public HttpResponse<String> apiMultipart(String path, Map<String, Object> parts, String username, String password) {
        String boundary = "dozvon-" + java.util.UUID.randomUUID();
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts)))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Loads {@code formPage}, then posts a multipart form to {@code action} in this session with its CSRF token. */
    public HttpResponse<String> submitMultipart(String formPage, String action, Map<String, Object> parts) {
        Map<String, Object> withToken = new LinkedHashMap<>(parts);
        Matcher token = CSRF.matcher(get(formPage).body());
        if (token.find()) {
            withToken.put("_csrf", token.group(1));
        }
        String boundary = "dozvon-" + java.util.UUID.randomUUID();
        return send(HttpRequest.newBuilder(uri(action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, withToken)))
                .build());
    }

    private static byte[] multipart(String boundary, Map<String, Object> parts) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        try {
            for (Map.Entry<String, Object> part : parts.entrySet()) {
                body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (part.getValue() instanceof java.nio.file.Path file) {
                    body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"; filename=\""
                            + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    body.write(java.nio.file.Files.readAllBytes(file));
                } else {
                    body.write(("Content-Disposition: form-data; name=\"" + part.getKey() + "\"\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    body.write(String.valueOf(part.getValue()).getBytes(StandardCharsets.UTF_8));
                }
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    public HttpClient http() {
        return http;
    }

    /** A path of this Dozvon, or an absolute URL as a redirect gives it. */
    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
