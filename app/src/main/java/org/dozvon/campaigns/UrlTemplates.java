package org.dozvon.campaigns;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dozvon.Violation;

/**
 * The URL templates of a campaign's integrations. A {@code {name}} placeholder stands for the value of the contact
 * field of that code, or for one of the built-ins: {@code {phone}} the number being called (E.164),
 * {@code {contactId}}, {@code {campaignId}}, {@code {operator}} the operator's user name and {@code {attemptId}}.
 * A built-in wins over a contact field of the same code: the names mean the same in every campaign. Values are
 * URL-encoded when filled in (a space is {@code %20}), so a value never changes the shape of the URL; a placeholder
 * without a value becomes empty. Anything else in braces is left as it is.
 */
public final class UrlTemplates {

    public static final String PHONE = "phone";
    public static final String CONTACT_ID = "contactId";
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String OPERATOR = "operator";
    public static final String ATTEMPT_ID = "attemptId";
    /** The placeholders every template may use, whatever the contact's fields. */
    public static final List<String> BUILT_INS = List.of(PHONE, CONTACT_ID, CAMPAIGN_ID, OPERATOR, ATTEMPT_ID);
    static final int MAX_LENGTH = 2000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private UrlTemplates() {
    }

    /**
     * What the placeholders stand for in one call: the contact's values by field code, then the built-ins over them.
     *
     * @param contactValues the contact's values (text, numbers, dates as ISO text); null: none
     * @param phone         the number being called (E.164); null when unknown
     */
    public static Map<String, Object> values(Map<String, ?> contactValues, String phone, Long contactId, Long campaignId,
                                             String operator, Long attemptId) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (contactValues != null) {
            values.putAll(contactValues);
        }
        values.put(PHONE, phone);
        values.put(CONTACT_ID, contactId);
        values.put(CAMPAIGN_ID, campaignId);
        values.put(OPERATOR, operator);
        values.put(ATTEMPT_ID, attemptId);
        return values;
    }

    /** The template with every placeholder replaced by its value, URL-encoded (no value: empty). */
    public static String fill(String template, Map<String, ?> values) {
        if (template == null) {
            return null;
        }
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder(template.length() + 32);
        while (placeholder.find()) {
            Object value = values == null ? null : values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(encode(value)));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /** The template's placeholders, each once, in the order they first appear. */
    public static List<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(template == null ? "" : template);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return new ArrayList<>(names);
    }

    /**
     * What is wrong with a template, as a violation of {@code field}: empty, too long, a placeholder that is neither a
     * contact field nor a built-in (named in the message), or not an absolute http(s) URL once filled with sample
     * values. The message keys are {@code keyPrefix} + {@code .empty}, {@code .tooLong}, {@code .placeholder},
     * {@code .url}; their first argument is {@code label} (a link's name).
     */
    static Optional<Violation> check(String field, String keyPrefix, String label, String template, Set<String> fieldCodes) {
        if (template == null || template.isBlank()) {
            return Optional.of(new Violation(field, keyPrefix + ".empty", label));
        }
        if (template.length() > MAX_LENGTH) {
            return Optional.of(new Violation(field, keyPrefix + ".tooLong", label, MAX_LENGTH));
        }
        Map<String, Object> samples = new LinkedHashMap<>();
        for (String name : placeholders(template)) {
            if (!BUILT_INS.contains(name) && !fieldCodes.contains(name)) {
                return Optional.of(new Violation(field, keyPrefix + ".placeholder", label, "{" + name + "}",
                        String.join(", ", BUILT_INS.stream().map(b -> "{" + b + "}").toList())));
            }
            samples.put(name, "1");
        }
        if (!absoluteHttp(fill(template, samples))) {
            return Optional.of(new Violation(field, keyPrefix + ".url", label));
        }
        return Optional.empty();
    }

    /** Whether the text is an absolute http or https URL with a host. */
    static boolean absoluteHttp(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String encode(Object value) {
        return value == null ? "" : URLEncoder.encode(text(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value as a person writes it: numbers in plain notation without trailing zeros ("1500.5", not "1.5005E3"). */
    static String text(Object value) {
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number)
                    ? java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString() : value.toString();
        }
        return String.valueOf(value);
    }
}
