package org.dozvon.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A form's values as the browser sent them (or as the campaign's settings fill them in), so that a
 * refused form comes back exactly as typed. Templates read it through {@link #value}, {@link #values}
 * and {@link #has}.
 */
final class FormValues {

    private final MultiValueMap<String, String> values;

    FormValues(MultiValueMap<String, String> values) {
        this.values = new LinkedMultiValueMap<>(values);
    }

    FormValues() {
        this(new LinkedMultiValueMap<>());
    }

    static FormValues of(Map<String, String[]> parameters) {
        LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        parameters.forEach((name, given) -> values.put(name, new ArrayList<>(List.of(given))));
        values.remove("_csrf");
        return new FormValues(values);
    }

    /** The first value, "" when there is none. */
    public String value(String name) {
        String value = values.getFirst(name);
        return value == null ? "" : value;
    }

    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether one of the values of {@code name} is {@code value} (a checkbox, an option). */
    public boolean has(String name, Object value) {
        return values(name).contains(String.valueOf(value));
    }

    MultiValueMap<String, String> all() {
        return values;
    }

    FormValues set(String name, Object value) {
        values.put(name, new ArrayList<>(List.of(value == null ? "" : String.valueOf(value))));
        return this;
    }

    FormValues add(String name, Object value) {
        values.add(name, value == null ? "" : String.valueOf(value));
        return this;
    }

    FormValues remove(String name) {
        values.remove(name);
        return this;
    }
}
