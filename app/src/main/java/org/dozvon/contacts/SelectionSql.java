package org.dozvon.contacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a checked {@link ContactSelection} into SQL over {@code contact c}. Every value and every field
 * code is a bind parameter; the only text put into the statement is this class's own. Field codes have
 * been checked against the field catalogue before anything gets here.
 */
final class SelectionSql {

    static final Pattern RELATIVE_DATE = Pattern.compile("(?iu)\\s*(today|сегодня)\\s*(?:([+-])\\s*(\\d{1,5}))?\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FieldType> types;
    private final LocalDate today;
    private final PhoneNumbers phoneNumbers;
    private final Map<String, Object> params = new HashMap<>();
    private int next;

    SelectionSql(Map<String, FieldType> types, LocalDate today, PhoneNumbers phoneNumbers) {
        this.types = types;
        this.today = today;
        this.phoneNumbers = phoneNumbers;
    }

    Map<String, Object> params() {
        return params;
    }

    String param(Object value) {
        String name = "s" + next++;
        params.put(name, value);
        return ":" + name;
    }

    /**
     * What every selected contact satisfies, apart from its list: not blocked, the filter, the share and the DNC lists.
     */
    String where(ContactSelection selection) {
        List<String> parts = new ArrayList<>();
        // a contact blocked through the API is taken by no campaign
        parts.add("c.blocked_at is null");
        parts.add(filter(selection.filter()));
        if (selection.percent() < 100) {
            // hashint8extended is what hash partitioning relies on, so it stays the same across versions
            parts.add("abs(mod(hashint8extended(c.id, 0), 100)) < " + param(selection.percent()));
        }
        if (!selection.dncListIds().isEmpty()) {
            String lists = param(List.copyOf(selection.dncListIds()));
            // contact.dnc says "in some DNC list"; only then is it worth asking which
            parts.add("not (c.dnc and (exists (select 1 from contact_phone p join dnc_entry e on e.kind = 'PHONE'"
                    + " and e.value = p.number where p.contact_id = c.id and p.status = 'DNC' and e.list_id in (" + lists + "))"
                    + " or exists (select 1 from contact_field f join dnc_entry e on e.kind = 'EMAIL'"
                    + " and e.value = c.attributes ->> f.code where f.type = 'EMAIL' and e.list_id in (" + lists + "))))");
        }
        return String.join(" and ", parts);
    }

    String filter(ContactFilter filter) {
        if (filter instanceof ContactFilter.Group group) {
            if (group.items().isEmpty()) {
                return "true";
            }
            List<String> items = group.items().stream().map(this::filter).toList();
            return "(" + String.join(group.logic() == ContactFilter.Logic.OR ? " or " : " and ", items) + ")";
        }
        return condition((ContactFilter.Condition) filter);
    }

    private String condition(ContactFilter.Condition condition) {
        FieldType type = types.get(condition.field());
        return switch (type) {
            case NUMBER -> compare(numberKey(condition.field()), condition, SelectionSql::number);
            case DATE -> compare(dateKey(condition.field()), condition, this::date);
            default -> text(condition, type);
        };
    }

    private String compare(String key, ContactFilter.Condition condition, java.util.function.Function<String, Object> read) {
        List<Object> values = condition.values().stream().map(read).toList();
        return switch (condition.operator()) {
            case EQUALS -> key + " = " + param(values.get(0));
            case NOT_EQUALS -> key + " is distinct from " + param(values.get(0));
            case GREATER -> key + " > " + param(values.get(0));
            case LESS -> key + " < " + param(values.get(0));
            case IN -> key + " in (" + param(values) + ")";
            case CONTAINS -> throw new IllegalStateException("checked before: contains on " + condition.field());
        };
    }

    private String text(ContactFilter.Condition condition, FieldType type) {
        String field = condition.field();
        return switch (condition.operator()) {
            // text fields: containment over the search values' GIN index, as the contacts page searches;
            // phone fields: their numbers' index
            case EQUALS -> equal(field, type, condition.values().get(0));
            case NOT_EQUALS -> "not (" + equal(field, type, condition.values().get(0)) + ")";
            case IN -> "(" + String.join(" or ", condition.values().stream()
                    .map(value -> equal(field, type, value)).toList()) + ")";
            case CONTAINS -> "strpos(lower(" + textKey(field) + "), "
                    + param(condition.values().get(0).strip().toLowerCase(Locale.ROOT)) + ") > 0";
            case GREATER, LESS -> throw new IllegalStateException("checked before: comparison on text " + field);
        };
    }

    private String equal(String field, FieldType type, String value) {
        String stored = stored(type, value);
        if (type == FieldType.PHONE) {
            return "c.id in (select p.contact_id from contact_phone p where p.number = " + param(stored)
                    + " and p.field_code = " + param(field) + ")";
        }
        return contains(field, stored);
    }

    private String contains(String field, String value) {
        try {
            return "c.search_values @> cast(" + param(JSON.writeValueAsString(Map.of(field, value))) + " as jsonb)";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value as the contact would have stored it: phones in E.164, e-mails in lower case. */
    private String stored(FieldType type, String value) {
        String clean = value.strip();
        if (type == FieldType.EMAIL) {
            return clean.toLowerCase(Locale.ROOT);
        }
        if (type == FieldType.PHONE) {
            PhoneNumbers.Normalized phone = phoneNumbers.normalize(clean);
            return phone.valid() ? phone.e164() : clean;
        }
        return clean;
    }

    String textKey(String field) {
        return "(c.attributes ->> cast(" + param(field) + " as text))";
    }

    String numberKey(String field) {
        String code = param(field);
        return "(case when jsonb_typeof(c.attributes -> cast(" + code + " as text)) = 'number'"
                + " then (c.attributes ->> cast(" + code + " as text))::numeric end)";
    }

    String dateKey(String field) {
        String text = textKey(field);
        return "(case when " + text + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then " + text + "::date end)";
    }

    /** The expression a field orders by, and how its text form (the cursor's sort key) is read back. */
    String sortKey(String field) {
        return switch (types.get(field)) {
            case NUMBER -> numberKey(field);
            case DATE -> dateKey(field);
            default -> "(" + textKey(field) + " collate \"C\")";
        };
    }

    /** The cursor's text form of a sort key, as a parameter of the key's own type. */
    Object sortValue(String field, String text) {
        return switch (types.get(field)) {
            case NUMBER -> new BigDecimal(text);
            case DATE -> LocalDate.parse(text);
            default -> text;
        };
    }

    static BigDecimal number(String value) {
        String clean = ContactValues.NUMBER_SPACES.matcher(value).replaceAll("").replace(',', '.');
        try {
            return new BigDecimal(clean);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    LocalDate date(String value) {
        return date(value, today);
    }

    static LocalDate date(String value, LocalDate today) {
        Matcher relative = RELATIVE_DATE.matcher(value);
        if (relative.matches()) {
            int days = relative.group(3) == null ? 0 : Integer.parseInt(relative.group(3));
            return today.plusDays("-".equals(relative.group(2)) ? -days : days);
        }
        return ContactValues.parseDate(value.strip());
    }
}
