package org.dozvon.campaigns;

/**
 * The web service that answers a contact's fresh values when an operator asks to "refresh client data" (manual:
 * "получение в режиме реального времени информации по клиенту путем вызова внешнего веб-сервиса"). It answers a
 * JSON object whose keys are contact field codes; see {@link ClientData}.
 *
 * @param urlTemplate    an absolute http(s) URL with {@code {placeholder}}s (see {@link UrlTemplates})
 * @param method         GET, or POST with the call's values as a JSON object
 * @param timeoutSeconds how long Dozvon waits for the connection and for the answer, 1–30 (default 5)
 * @param sealedToken    a bearer token sent as {@code Authorization: Bearer …}, encrypted by the channels module's
 *                       {@code SecretBox}; null: none. Never shown to anyone after it is saved.
 */
public record ClientDataService(String urlTemplate, Method method, int timeoutSeconds, String sealedToken) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final int MAX_TIMEOUT_SECONDS = 30;

    public ClientDataService {
        method = method == null ? Method.GET : method;
    }

    public boolean hasToken() {
        return sealedToken != null;
    }

    /** The same service with another (sealed) token; null: none. */
    public ClientDataService withSealedToken(String token) {
        return new ClientDataService(urlTemplate, method, timeoutSeconds, token);
    }

    /** How the service is called. */
    public enum Method {
        GET, POST
    }
}
