package org.dozvon.channels;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dozvon.Violation;
import org.dozvon.contacts.ContactFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notification templates: checked when saved (every {@code @reference} must be a contact field or a
 * built-in value), and rendered for sending and for the preview.
 */
@Service
class NotificationTemplates {

    /** Values every template may use besides the contact's fields; a contact field of the same code wins. */
    static final Set<String> BUILT_INS = Set.of("recipient", "contact_id", "campaign_id", "business_key");
    static final Set<String> WEB_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_BODY = 20_000;
    private static final Logger log = LoggerFactory.getLogger(NotificationTemplates.class);

    private final TemplateStore store;
    private final ContactFields contactFields;
    private final Clock clock;

    NotificationTemplates(TemplateStore store, ContactFields contactFields, Clock clock) {
        this.store = store;
        this.contactFields = contactFields;
        this.clock = clock;
    }

    /** What a user (page or API) submits for a template. */
    record Form(String code, String name, String description, Channel channel, String subject, String body,
                String webMethod, String webUrl, String webHeaders) {

        static Form blank(Channel channel) {
            return new Form("", "", "", channel, "", "", channel == Channel.WEB ? "POST" : null, "",
                    channel == Channel.WEB ? "Content-Type: application/json" : "");
        }

        static Form of(NotificationTemplate t) {
            return new Form(t.code(), t.name(), t.description(), t.channel(), t.subject(), t.body(), t.webMethod(),
                    t.webUrl(), t.webHeaders());
        }
    }

    record Result(List<Violation> violations, Long id) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    /** A template made ready to send: the texts with the values in, escaped for where they are. */
    record Rendered(String subject, String body, String method, String url, List<HeaderLines.Header> headers) {
    }

    List<NotificationTemplate> all(Channel channel) {
        return store.all(channel);
    }

    Optional<NotificationTemplate> find(long id) {
        return store.find(id);
    }

    Optional<NotificationTemplate> findByCode(String code) {
        return code == null ? Optional.empty() : store.findByCode(code.strip());
    }

    /** Contact fields by code, for the editor's list of what may be written after {@code @}. */
    Map<String, ContactFields.Definition> fields() {
        return contactFields.all().stream().collect(Collectors.toMap(ContactFields.Definition::code, f -> f,
                (a, b) -> a, LinkedHashMap::new));
    }

    /** Creates ({@code id} null) or changes a template; code and channel stay as created. */
    @Transactional
    Result save(Long id, Form form) {
        Checked checked = check(id, form);
        if (!checked.violations().isEmpty()) {
            return new Result(checked.violations(), null);
        }
        NotificationTemplate template = checked.template();
        if (id == null) {
            long newId = store.insert(template, clock.instant());
            log.info("Notification template '{}' ({}) created", template.code(), template.channel());
            return new Result(List.of(), newId);
        }
        store.update(template, clock.instant());
        log.info("Notification template '{}' ({}) changed", template.code(), template.channel());
        return new Result(List.of(), id);
    }

    /** The form checked: its problems, and the template it makes (as far as it goes, even with problems). */
    record Checked(List<Violation> violations, NotificationTemplate template) {
    }

    Checked check(Long id, Form form) {
        NotificationTemplate existing = id == null ? null : store.find(id).orElseThrow(() -> new NotFound("template " + id));
        Channel channel = existing != null ? existing.channel() : form.channel();
        String code = existing != null ? existing.code() : clean(form.code());
        List<Violation> violations = new ArrayList<>();
        if (existing == null) {
            if (!TemplateText.NAME.matcher(code).matches()) {
                violations.add(new Violation("code", "templates.error.code"));
            } else if (store.findByCode(code).isPresent()) {
                violations.add(new Violation("code", "templates.error.codeTaken", code));
            }
        }
        String name = clean(form.name());
        if (name.isEmpty() || name.length() > 200) {
            violations.add(new Violation("name", "templates.error.name"));
        }
        String description = clean(form.description());
        if (description.length() > 1000) {
            violations.add(new Violation("description", "templates.error.description"));
        }
        if (channel == null) {
            violations.add(new Violation("channel", "templates.error.channel"));
            return new Checked(violations, null);
        }
        Set<String> known = knownReferences();
        String subject = null;
        String body = form.body() == null ? "" : form.body().strip();
        String method = null;
        String url = null;
        String headers = null;
        if (body.length() > MAX_BODY) {
            violations.add(new Violation("body", "templates.error.bodyLength", MAX_BODY));
        }
        switch (channel) {
            case SMS -> {
                if (body.isEmpty()) {
                    violations.add(new Violation("body", "templates.error.body"));
                }
            }
            case EMAIL -> {
                subject = clean(form.subject());
                if (subject.isEmpty() || subject.length() > 500) {
                    violations.add(new Violation("subject", "templates.error.subject"));
                }
                if (body.isEmpty()) {
                    violations.add(new Violation("body", "templates.error.body"));
                }
                references(violations, "subject", subject, known);
            }
            case WEB -> {
                method = clean(form.webMethod()).toUpperCase(Locale.ROOT);
                if (!WEB_METHODS.contains(method)) {
                    violations.add(new Violation("webMethod", "templates.error.method"));
                } else if ((method.equals("GET") || method.equals("DELETE")) && !body.isEmpty()) {
                    violations.add(new Violation("body", "templates.error.bodyNotAllowed", method));
                }
                url = clean(form.webUrl());
                String lower = url.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("http://") || lower.startsWith("https://")) || url.length() > 2000
                        || url.chars().anyMatch(Character::isWhitespace)) {
                    violations.add(new Violation("webUrl", "templates.error.url"));
                }
                references(violations, "webUrl", url, known);
                headers = form.webHeaders() == null ? "" : form.webHeaders().strip();
                HeaderLines.problem(headers).ifPresent(problem -> violations.add(new Violation("webHeaders", "templates.error.headers", problem)));
                references(violations, "webHeaders", headers, known);
            }
        }
        references(violations, "body", body, known);
        return new Checked(violations, new NotificationTemplate(id, code, name, description.isEmpty() ? null : description,
                channel, subject, body, method, url, headers, null, null));
    }

    @Transactional
    void delete(long id) {
        NotificationTemplate template = store.find(id).orElseThrow(() -> new NotFound("template " + id));
        store.delete(id);
        log.info("Notification template '{}' deleted", template.code());
    }

    /**
     * The template with the values in. In URLs values are URL-encoded; in a body, JSON-escaped when the
     * Content-Type header says JSON, URL-encoded for a form, as they are otherwise; in headers, without line breaks.
     */
    static Rendered render(NotificationTemplate template, Function<String, String> values) {
        return switch (template.channel()) {
            case SMS -> new Rendered(null, TemplateText.render(template.body(), values, TemplateText.PLAIN), null, null, List.of());
            case EMAIL -> new Rendered(TemplateText.render(template.subject(), values, TemplateText.PLAIN).replaceAll("[\\r\\n]+", " "),
                    TemplateText.render(template.body(), values, TemplateText.PLAIN), null, null, List.of());
            case WEB -> {
                List<HeaderLines.Header> headers = HeaderLines.parse(template.webHeaders()).stream()
                        .map(h -> new HeaderLines.Header(h.name(), TemplateText.render(h.value(), values, TemplateText.HEADER)))
                        .toList();
                String contentType = HeaderLines.value(headers, "Content-Type").orElse(null);
                yield new Rendered(null, TemplateText.render(template.body(), values, TemplateText.bodyEscaping(contentType)),
                        template.webMethod(), TemplateText.render(template.webUrl(), values, TemplateText.URL), headers);
            }
        };
    }

    /** The template's values: the contact's attributes, then the built-ins. */
    static Function<String, String> values(Map<String, ?> attributes, String recipient, MessageReference reference) {
        return name -> {
            Object value = attributes.get(name);
            if (value != null) {
                return String.valueOf(value);
            }
            return switch (name) {
                case "recipient" -> recipient;
                case "contact_id" -> reference.contactId() == null ? null : reference.contactId().toString();
                case "campaign_id" -> reference.campaignId() == null ? null : reference.campaignId().toString();
                case "business_key" -> reference.businessKey();
                default -> null;
            };
        };
    }

    /** Every name referenced in the form's texts, in order. */
    static Set<String> referencesOf(Form form) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {form.subject(), form.webUrl(), form.webHeaders(), form.body()}) {
            names.addAll(TemplateText.references(text));
        }
        return names;
    }

    private Set<String> knownReferences() {
        Set<String> known = new LinkedHashSet<>(BUILT_INS);
        contactFields.all().forEach(field -> known.add(field.code()));
        return known;
    }

    private static void references(List<Violation> violations, String field, String text, Set<String> known) {
        List<String> unknown = TemplateText.unknownReferences(text, known);
        if (!unknown.isEmpty()) {
            violations.add(new Violation(field, "templates.error.unknownReference",
                    unknown.stream().map(name -> "@" + name).collect(Collectors.joining(", "))));
        }
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }

    /** Asked for a template that is not there (any more): pages answer 404, the API a 404 problem. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {
        NotFound(String what) {
            super("There is no " + what);
        }
    }
}
