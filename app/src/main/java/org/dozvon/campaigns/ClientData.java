package org.dozvon.campaigns;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.channels.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls a campaign's client-data service ({@link ClientDataService}) for one call and reads its answer: a JSON object
 * whose keys are contact field codes and whose values are the client's fresh values. GET sends only the URL; POST
 * also sends the call's values (the contact's by field code and the built-ins of {@link UrlTemplates}) as a JSON
 * object. Redirects are followed (never from https to http). The timeout covers connecting and waiting for the
 * answer to begin. Nothing is stored here: the caller decides what to do with the values.
 */
@Service
public class ClientData {

    /** The most of an answer read: a client's data, not a file. */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(ClientData.class);

    private final RestClient.Builder builder;
    private final ObjectMapper json;
    private final SecretBox secrets;
    /** One client per timeout (at most 30): the JDK client's connect timeout is fixed when it is built. */
    private final Map<Integer, RestClient> clients = new ConcurrentHashMap<>();

    ClientData(RestClient.Builder builder, ObjectMapper json, SecretBox secrets) {
        this.builder = builder;
        this.json = json;
        this.secrets = secrets;
    }

    /**
     * Asks the service for the client's values.
     *
     * @param values what the URL's placeholders (and a POST's body) stand for ({@link UrlTemplates#values})
     * @throws ClientDataUnavailable with the reason in words, when no usable answer came
     */
    public Answer fetch(ClientDataService service, Map<String, ?> values) {
        if (service == null) {
            throw new ClientDataUnavailable("clientData.error.none");
        }
        URI uri;
        try {
            uri = URI.create(URI.create(UrlTemplates.fill(service.urlTemplate(), values).strip()).toASCIIString());
        } catch (IllegalArgumentException e) {
            throw new ClientDataUnavailable("clientData.error.url");
        }
        String token = null;
        if (service.hasToken()) {
            try {
                token = secrets.open(service.sealedToken());
            } catch (SecretBox.Unreadable e) {
                throw new ClientDataUnavailable("clientData.error.token");
            }
        }
        int timeout = Math.max(1, Math.min(ClientDataService.MAX_TIMEOUT_SECONDS, service.timeoutSeconds()));
        RestClient.RequestBodySpec request = client(timeout)
                .method(service.method() == ClientDataService.Method.POST ? HttpMethod.POST : HttpMethod.GET)
                .uri(uri).accept(MediaType.APPLICATION_JSON);
        if (token != null) {
            String bearer = token;
            request.headers(headers -> headers.setBearerAuth(bearer));
        }
        if (service.method() == ClientDataService.Method.POST) {
            Map<String, String> body = new LinkedHashMap<>();
            values.forEach((name, value) -> body.put(name, value == null ? null : UrlTemplates.text(value)));
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        long started = System.nanoTime();
        Exchanged exchanged;
        try {
            exchanged = request.exchange((req, response) -> {
                try (InputStream in = response.getBody()) {
                    byte[] answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
                    return new Exchanged(response.getStatusCode().value(), answer);
                }
            }, true);
        } catch (ResourceAccessException e) {
            boolean timedOut = e.getCause() instanceof HttpTimeoutException
                    || e.getCause() instanceof HttpConnectTimeoutException
                    || e.getCause() instanceof java.net.SocketTimeoutException;
            log.warn("Client-data service {} {}: {}", service.method(), where(uri), e.getMessage());
            throw timedOut ? new ClientDataUnavailable("clientData.error.timeout", timeout)
                    : new ClientDataUnavailable("clientData.error.unreachable", uri.getHost());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (exchanged.status() < 200 || exchanged.status() > 299) {
            log.warn("Client-data service {} {} answered HTTP {} in {} ms", service.method(), where(uri), exchanged.status(), millis);
            throw new ClientDataUnavailable("clientData.error.status", exchanged.status());
        }
        if (exchanged.body().length > MAX_ANSWER_BYTES) {
            log.warn("Client-data service {} {} answered more than {} bytes", service.method(), where(uri), MAX_ANSWER_BYTES);
            throw new ClientDataUnavailable("clientData.error.tooLarge", MAX_ANSWER_BYTES / 1024);
        }
        JsonNode tree;
        try {
            tree = json.readTree(exchanged.body());
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || tree.isMissingNode()) {
            log.warn("Client-data service {} {} answered HTTP {} that is not JSON", service.method(), where(uri), exchanged.status());
            throw new ClientDataUnavailable("clientData.error.notJson");
        }
        if (!tree.isObject()) {
            log.warn("Client-data service {} {} answered JSON that is not an object", service.method(), where(uri));
            throw new ClientDataUnavailable("clientData.error.notObject");
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        List<String> notValues = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                fresh.put(field.getKey(), "");
            } else if (value.isNumber()) {
                fresh.put(field.getKey(), value.decimalValue().toPlainString());
            } else if (value.isValueNode()) {
                fresh.put(field.getKey(), value.asText());
            } else {
                notValues.add(field.getKey());
            }
        }
        log.info("Client-data service {} {} answered {} values in {} ms", service.method(), where(uri), fresh.size(), millis);
        return new Answer(fresh, notValues);
    }

    private RestClient client(int timeoutSeconds) {
        return clients.computeIfAbsent(timeoutSeconds, seconds -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(seconds))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
            factory.setReadTimeout(Duration.ofSeconds(seconds));
            return builder.clone().requestFactory(factory).build();
        });
    }

    /** Where a call went, for the log: scheme, host and path (a query may hold a client's data). */
    private static String where(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private record Exchanged(int status, byte[] body) {
    }

    /**
     * The service's answer.
     *
     * @param values    fresh values by key (meant to be field codes), as text: numbers in plain notation, null as ""
     * @param notValues keys whose value was an object or an array, which no field can hold
     */
    public record Answer(Map<String, String> values, List<String> notValues) {
    }
}
