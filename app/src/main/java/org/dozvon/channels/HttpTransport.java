package org.dozvon.channels;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

/** Makes the HTTP requests of the SMS gateway and of web-request templates, with the JDK's HTTP client. */
@Component
class HttpTransport {

    private static final int KEPT_ANSWER = 1000;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** A request as a template rendered it. */
    record Call(String method, String url, List<HeaderLines.Header> headers, String body, Duration timeout) {
    }

    /** The peer's answer: its status and the start of its body. */
    record Answer(int status, String body) {
        boolean success() {
            return status >= 200 && status < 300;
        }

        /** Server trouble that may pass: 5xx, 408 Request Timeout, 429 Too Many Requests. */
        boolean worthRetrying() {
            return status >= 500 || status == 408 || status == 429;
        }

        String describe() {
            return "HTTP " + status + (body.isBlank() ? "" : ": " + body);
        }
    }

    /** Why a request got no answer at all, in a sentence; always worth retrying. */
    static final class NoAnswer extends Exception {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @throws IllegalArgumentException when the URL or a header is not valid
     * @throws NoAnswer                 when the peer cannot be reached or does not answer in time
     */
    Answer send(Call call) throws NoAnswer {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(call.timeout());
        call.headers().forEach(header -> request.header(header.name(), header.value()));
        boolean withBody = call.body() != null && !call.body().isEmpty();
        request.method(call.method(), withBody
                ? HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8)
                : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body() == null ? "" : response.body().strip();
            return new Answer(response.statusCode(), MessageJournal.cut(body, KEPT_ANSWER));
        } catch (HttpConnectTimeoutException e) {
            throw new NoAnswer("no connection within 10 s", e);
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("no answer within " + call.timeout().toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new NoAnswer("cannot connect (" + MailTransport.rootMessage(e) + ")", e);
        } catch (IOException e) {
            throw new NoAnswer(MailTransport.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted", e);
        }
    }
}
