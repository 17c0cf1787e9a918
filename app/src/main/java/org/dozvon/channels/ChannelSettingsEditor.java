package org.dozvon.channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The forms of Settings → Mail and Settings → SMS gateway: stored settings as form values (secrets never
 * go back to the browser), and form values checked into settings (an empty secret field keeps the stored one).
 */
@Service
class ChannelSettingsEditor {

    private static final Logger log = LoggerFactory.getLogger(ChannelSettingsEditor.class);

    private final ChannelSettingsStore store;
    private final SecretBox secrets;

    ChannelSettingsEditor(ChannelSettingsStore store, SecretBox secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    record Checked<T>(T settings, List<Violation> violations) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    Map<String, String> smtpForm() {
        Map<String, String> form = new LinkedHashMap<>();
        SmtpSettings s = store.smtp().orElse(null);
        form.put("host", s == null ? "" : s.host());
        form.put("port", s == null ? "587" : String.valueOf(s.port()));
        form.put("security", s == null ? SmtpSettings.Security.STARTTLS.name() : s.security().name());
        form.put("username", s == null ? "" : nullToEmpty(s.username()));
        form.put("fromAddress", s == null ? "" : s.fromAddress());
        form.put("fromName", s == null ? "Dozvon" : nullToEmpty(s.fromName()));
        return form;
    }

    boolean smtpPasswordStored() {
        return store.smtp().map(s -> s.sealedPassword() != null).orElse(false);
    }

    boolean smtpConfigured() {
        return store.smtp().isPresent();
    }

    Checked<SmtpSettings> smtp(Map<String, String> form) {
        List<Violation> violations = new ArrayList<>();
        String host = text(form, "host");
        if (host.isEmpty() || host.length() > 255 || host.chars().anyMatch(Character::isWhitespace)) {
            violations.add(new Violation("host", "mail.error.host"));
        }
        int port = port(form, violations);
        SmtpSettings.Security security = null;
        try {
            security = SmtpSettings.Security.valueOf(text(form, "security").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("security", "mail.error.security"));
        }
        String fromAddress = text(form, "fromAddress");
        if (ChannelService.addressProblem(fromAddress) != null) {
            violations.add(new Violation("fromAddress", "mail.error.fromAddress"));
        }
        String username = text(form, "username");
        String password = form.getOrDefault("password", "");
        String sealed = null;
        if (!username.isEmpty()) {
            sealed = password.isEmpty()
                    ? store.smtp().filter(s -> username.equals(s.username())).map(SmtpSettings::sealedPassword).orElse(null)
                    : secrets.seal(password);
            if (sealed == null) {
                violations.add(new Violation("password", "mail.error.password"));
            }
        }
        if (!violations.isEmpty()) {
            return new Checked<>(null, violations);
        }
        return new Checked<>(new SmtpSettings(host, port, security, username.isEmpty() ? null : username, sealed,
                fromAddress, text(form, "fromName")), List.of());
    }

    void save(SmtpSettings settings, String by) {
        store.save(settings, by);
        log.info("Mail server settings changed by {}: {}:{} ({})", by, settings.host(), settings.port(), settings.security());
    }

    Map<String, String> smsForm() {
        Map<String, String> form = new LinkedHashMap<>();
        SmsGatewaySettings s = store.smsGateway().orElse(null);
        form.put("url", s == null ? "" : s.url());
        form.put("method", s == null ? "POST" : s.method());
        form.put("headers", s == null ? "Content-Type: application/json" : nullToEmpty(s.headers()));
        form.put("body", s == null ? "{\"to\": \"@phone\", \"text\": \"@text\"}" : nullToEmpty(s.body()));
        form.put("timeoutSeconds", s == null ? "10" : String.valueOf(s.timeoutSeconds()));
        form.put("successContains", s == null ? "" : nullToEmpty(s.successContains()));
        return form;
    }

    boolean smsSecretStored() {
        return store.smsGateway().map(s -> s.sealedSecret() != null).orElse(false);
    }

    boolean smsConfigured() {
        return store.smsGateway().isPresent();
    }

    Checked<SmsGatewaySettings> sms(Map<String, String> form) {
        List<Violation> violations = new ArrayList<>();
        String url = text(form, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || url.length() > 2000
                || url.chars().anyMatch(Character::isWhitespace)) {
            violations.add(new Violation("url", "sms.error.url"));
        }
        String method = text(form, "method").toUpperCase(Locale.ROOT);
        if (!SmsGateway.METHODS.contains(method)) {
            violations.add(new Violation("method", "sms.error.method"));
        }
        String headers = form.getOrDefault("headers", "").strip();
        HeaderLines.problem(headers).ifPresent(problem -> violations.add(new Violation("headers", "sms.error.headers", problem)));
        String body = form.getOrDefault("body", "").strip();
        if (method.equals("GET") && !body.isEmpty()) {
            violations.add(new Violation("body", "sms.error.bodyWithGet"));
        }
        int timeout = 0;
        try {
            timeout = Integer.parseInt(text(form, "timeoutSeconds"));
        } catch (NumberFormatException e) {
            timeout = -1;
        }
        if (timeout < 1 || timeout > 120) {
            violations.add(new Violation("timeoutSeconds", "sms.error.timeout"));
        }
        for (String field : List.of("url", "headers", "body")) {
            List<String> unknown = TemplateText.unknownReferences(form.getOrDefault(field, ""), SmsGateway.VALUES);
            if (!unknown.isEmpty()) {
                violations.add(new Violation(field, "sms.error.unknownValue",
                        unknown.stream().map(name -> "@" + name).collect(Collectors.joining(", "))));
            }
        }
        if (!violations.isEmpty()) {
            return new Checked<>(null, violations);
        }
        String secret = form.getOrDefault("secret", "");
        String sealed = secret.isEmpty()
                ? store.smsGateway().map(SmsGatewaySettings::sealedSecret).orElse(null)
                : secrets.seal(secret);
        if (form.containsKey("forgetSecret")) {
            sealed = null;
        }
        return new Checked<>(new SmsGatewaySettings(url, method, headers, body, timeout, text(form, "successContains"), sealed),
                List.of());
    }

    void save(SmsGatewaySettings settings, String by) {
        store.save(settings, by);
        log.info("SMS gateway settings changed by {}: {} {}", by, settings.method(), ChannelService.withoutQuery(settings.url()));
    }

    private static int port(Map<String, String> form, List<Violation> violations) {
        try {
            int port = Integer.parseInt(text(form, "port"));
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation("port", "mail.error.port"));
        return 0;
    }

    private static String text(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null ? "" : value.strip();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
