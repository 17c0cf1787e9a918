package org.dozvon.channels;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one SMS into the request the configured HTTP gateway expects, and its answer into success or
 * {@link Undelivered}.
 */
final class SmsGateway {

    /** What the gateway's templates may refer to. */
    static final Set<String> VALUES = Set.of("phone", "phone_digits", "text", "secret");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT");

    private SmsGateway() {
    }

    static HttpTransport.Call call(SmsGatewaySettings settings, String e164, String text, String secret) {
        Function<String, String> values = name -> switch (name) {
            case "phone" -> e164;
            case "phone_digits" -> e164.replaceAll("\\D", "");
            case "text" -> text;
            case "secret" -> secret;
            default -> null;
        };
        List<HeaderLines.Header> headers = HeaderLines.parse(settings.headers()).stream()
                .map(h -> new HeaderLines.Header(h.name(), TemplateText.render(h.value(), values, TemplateText.HEADER)))
                .toList();
        String contentType = HeaderLines.value(headers, "Content-Type").orElse(null);
        String body = settings.method().toUpperCase(Locale.ROOT).equals("GET") ? null
                : TemplateText.render(settings.body(), values, TemplateText.bodyEscaping(contentType));
        return new HttpTransport.Call(settings.method().toUpperCase(Locale.ROOT),
                TemplateText.render(settings.url(), values, TemplateText.URL), headers, body,
                Duration.ofSeconds(settings.timeoutSeconds()));
    }

    /** The gateway's answer as the journal keeps it, or {@link Undelivered} when it is not a success. */
    static String check(SmsGatewaySettings settings, HttpTransport.Answer answer, String e164) {
        if (!answer.success()) {
            throw new Undelivered("SMS gateway answered " + answer.status() + " for " + e164 + brief(answer.body()),
                    answer.worthRetrying(), answer.describe(), null);
        }
        String expected = settings.successContains();
        if (expected != null && !expected.isBlank() && !answer.body().contains(expected)) {
            throw new Undelivered("SMS gateway answered " + answer.status() + " without '" + expected + "' for " + e164
                    + brief(answer.body()), false, answer.describe(), null);
        }
        return answer.describe();
    }

    static String brief(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + MessageJournal.cut(body.replaceAll("\\s+", " "), 200);
    }
}
