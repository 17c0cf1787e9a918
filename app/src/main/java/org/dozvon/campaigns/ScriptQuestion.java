package org.dozvon.campaigns;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of a call script.
 *
 * @param key       names the answer (letters, digits, {@code _}; unique within the script); the workplace's input
 *                  is {@code answer_<key>}
 * @param text      what the operator asks
 * @param type      the kind of answer taken
 * @param options   for {@link AnswerType#CHOICE}, the answers to choose from, in order; empty otherwise
 * @param mandatory the wrap-up cannot end without an answer to it
 * @param link      an http(s) URL opened in a new tab, whose {@code {field}} placeholders are the contact's values
 *                  of those fields (by field code); null: none
 * @param help      a hint shown under the question; null: none
 */
public record ScriptQuestion(String key, String text, AnswerType type, List<String> options, boolean mandatory,
                             String link, String help) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    public ScriptQuestion {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The link with each {@code {field}} replaced by that contact value, URL-encoded (an unknown field: empty). */
    public String linkFor(Map<String, ?> values) {
        if (link == null) {
            return null;
        }
        Matcher placeholder = PLACEHOLDER.matcher(link);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            Object value = values == null ? null : values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(
                    URLEncoder.encode(value == null ? "" : value.toString(), StandardCharsets.UTF_8)));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }
}
