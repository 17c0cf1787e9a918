package org.dozvon.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one user is shown of contact fields, made by {@link FieldAccess} from the user's roles: each field's
 * {@link FieldVisibility} and its values as they may be shown. Fields are the same in every list, so one instance
 * serves every list the user looks at during a request.
 */
public final class ShownFields {

    /** Everything in clear: for code that shows values to nobody (strategies, notifications). */
    public static final ShownFields ALL = new ShownFields(Map.of(), Map.of());

    /** Fields this user sees MASKED or HIDDEN, by code; absent ones are VISIBLE. */
    private final Map<String, FieldVisibility> restricted;
    private final Map<String, FieldType> types;

    ShownFields(Map<String, FieldVisibility> restricted, Map<String, FieldType> types) {
        this.restricted = Map.copyOf(restricted);
        this.types = Map.copyOf(types);
    }

    public FieldVisibility of(String fieldCode) {
        return restricted.getOrDefault(fieldCode, FieldVisibility.VISIBLE);
    }

    public boolean visible(String fieldCode) {
        return of(fieldCode) == FieldVisibility.VISIBLE;
    }

    public boolean masked(String fieldCode) {
        return of(fieldCode) == FieldVisibility.MASKED;
    }

    public boolean hidden(String fieldCode) {
        return of(fieldCode) == FieldVisibility.HIDDEN;
    }

    /** Whether some field is not in clear for this user. */
    public boolean restrictsAny() {
        return !restricted.isEmpty();
    }

    /** Whether some phone field is not in clear for this user: numbers may then need {@link #number}. */
    public boolean restrictsPhones() {
        return restricted.keySet().stream().anyMatch(code -> types.get(code) == FieldType.PHONE);
    }

    /** The list's fields this user sees (in clear or masked), in the list's order. */
    public List<ListSchema.Field> fields(ListSchema schema) {
        return schema.fields().stream().filter(field -> !hidden(field.code())).toList();
    }

    /** One value as shown: itself, its mask, or null when the field is hidden. */
    public Object value(String fieldCode, Object value) {
        return switch (of(fieldCode)) {
            case VISIBLE -> value;
            case MASKED -> ValueMasks.mask(types.get(fieldCode), value);
            case HIDDEN -> null;
        };
    }

    /** A contact's values (by field code) as shown, in their order: hidden fields left out, masked ones masked. */
    public Map<String, Object> values(Map<String, ?> values) {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((code, value) -> {
            if (!hidden(code)) {
                shown.put(code, value(code, value));
            }
        });
        return shown;
    }

    /**
     * A phone number (E.164) of the phone field {@code fieldCode} as shown: itself, masked, or null when the field is
     * hidden. A null field code (a number whose field is not known any more) is masked whenever some phone field is
     * not in clear for this user.
     */
    public String number(String fieldCode, String number) {
        if (number == null) {
            return null;
        }
        FieldVisibility visibility = fieldCode != null ? of(fieldCode)
                : restrictsPhones() ? FieldVisibility.MASKED : FieldVisibility.VISIBLE;
        return switch (visibility) {
            case VISIBLE -> number;
            case MASKED -> ValueMasks.phone(number);
            case HIDDEN -> null;
        };
    }

    /**
     * Whether a value typed into a field this user does not see in clear is a mask rather than a value (it holds
     * {@code ***}): such a value would overwrite the real one with its mask, so writes refuse it.
     */
    public boolean looksMasked(String fieldCode, String typed) {
        return !visible(fieldCode) && typed != null && typed.contains(ValueMasks.STARS);
    }
}
