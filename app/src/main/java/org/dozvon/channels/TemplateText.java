package org.dozvon.channels;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @name} substitution of templates. A reference is {@code @} followed by a word, where the
 * {@code @} does not follow a letter or digit (so {@code info@bank.ru} stays as written); {@code @@} is a
 * literal {@code @}. Values are escaped for where they land: URL-encoded in URLs, JSON-escaped in JSON
 * bodies, line breaks removed in headers.
 */
final class TemplateText {

    private static final Pattern TOKEN = Pattern.compile("@@|(?<![\\p{L}\\p{N}_])@([\\p{L}][\\p{L}\\p{N}_]*)");
    /** A reference that can be resolved: the form of contact field codes. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Values as they are: plain text of SMS and e-mail. */
    static final UnaryOperator<String> PLAIN = value -> value;
    /** Percent-encoding for URLs and form bodies (a space is {@code %20}). */
    static final UnaryOperator<String> URL = value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    /** The inside of a JSON string: the template writes the quotes. */
    static final UnaryOperator<String> JSON = TemplateText::jsonEscape;
    /** Header values: no line breaks, so a value cannot add headers of its own. */
    static final UnaryOperator<String> HEADER = value -> value.replaceAll("[\\r\\n]+", " ");

    private TemplateText() {
    }

    /** Every word written as {@code @word}, in order, each once. */
    static Set<String> references(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /**
     * The references of {@code text} that are not among {@code known}, in order; words that cannot be field codes
     * ({@code @Имя}) included.
     */
    static List<String> unknownReferences(String text, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String name : references(text)) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /**
     * The text with each reference replaced by its escaped value; {@code values} answers null for a name without
     * a value, which becomes nothing.
     */
    static String render(String text, Function<String, String> values, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        while (matcher.find()) {
            String replacement;
            if (matcher.group(1) == null) {
                replacement = "@";
            } else {
                String value = values.apply(matcher.group(1));
                replacement = value == null ? "" : escape.apply(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** How values are escaped in a request body with this content type: JSON, form-encoded, or as they are. */
    static UnaryOperator<String> bodyEscaping(String contentType) {
        if (contentType == null) {
            return PLAIN;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.contains("json")) {
            return JSON;
        }
        if (type.contains("x-www-form-urlencoded")) {
            return URL;
        }
        return PLAIN;
    }

    static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
